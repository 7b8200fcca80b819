using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Agencies;

/// <summary>
/// GET /api/operator/agencies: the agencies an operator may grant, by name and contact (never their members), oldest first
/// (keyset on the id). Agencies offer themselves to every operator, so there is nothing of another organisation to hide.
/// </summary>
internal static class OperatorAgenciesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/operator/agencies", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Agencies");

    private static async Task<Results<Ok<AgencySummaryPage>, ValidationProblem>> HandleAsync(string? cursor, int? limit, PartnersDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var after = errors.IdCursor(cursor);
        var take = errors.Limit(limit, 100, 200);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var query = db.Agencies.AsNoTracking();
        if (after is { } last) query = query.Where(a => a.Id.CompareTo(last) > 0);
        var rows = await query.OrderBy(a => a.Id).Take(take + 1).Select(a => new AgencySummary(a.Id, a.Name, a.ContactEmail)).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return TypedResults.Ok(new AgencySummaryPage(page, rows.Count > take ? page[^1].Id.ToString() : null));
    }
}
