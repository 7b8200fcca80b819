using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Payments.Data;
using KamHub.Payments.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Payouts;

/// <summary>Admins run payouts for a period and list them all; operators list their own.</summary>
internal static class PayoutEndpoints
{
    private const int MaxLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/payouts").RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Payouts");
        admin.MapPost("/", RunAsync).Produces<PayoutList>();
        admin.MapGet("/", (string? operatorId, string? cursor, int? limit, PaymentsDbContext db, CancellationToken ct) => ListAsync(operatorId, cursor, limit, db, ct)).Produces<PayoutPage>();
        app.MapGet("/api/operator/payouts", OwnAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Payouts").Produces<PayoutPage>();
    }

    private static async Task<IResult> RunAsync(RunPayoutsRequest? request, PayoutRunner runner, CancellationToken ct)
    {
        var errors = new ValidationErrors()
            .When(request?.From is null, "from", "is required: the period's first instant (ISO 8601 with offset).")
            .When(request?.To is null, "to", "is required: the instant after the period.");
        if (errors.IsValid) errors.When(request!.To <= request.From, "to", "must be after from.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var payouts = await runner.RunAsync(StoredTime.Truncate(request!.From!.Value.UtcDateTime), StoredTime.Truncate(request.To!.Value.UtcDateTime), ct);
        return TypedResults.Ok(new PayoutList(payouts.Select(PayoutDto.From).ToList()));
    }

    private static async Task<IResult> OwnAsync(string? operatorId, string? cursor, int? limit, ClaimsPrincipal user, PaymentsDbContext db, CancellationToken ct)
    {
        if (OperatorScope.Resolve(user, operatorId) is not { } scope) return OperatorScope.Problem(user, operatorId);
        return await ListAsync(scope.ToString(), cursor, limit, db, ct);
    }

    private static async Task<IResult> ListAsync(string? operatorId, string? cursor, int? limit, PaymentsDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var after = errors.IdCursor(cursor);
        var take = errors.Limit(limit, 20, MaxLimit);
        Guid? only = null;
        if (!string.IsNullOrEmpty(operatorId))
        {
            if (Guid.TryParse(operatorId, out var parsed)) only = parsed;
            else errors.Add("operatorId", "must be an operator id.");
        }

        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var payouts = db.Payouts.AsNoTracking();
        if (only is { } op) payouts = payouts.Where(p => p.OperatorId == op);
        if (after is { } last) payouts = payouts.Where(p => p.Id.CompareTo(last) < 0);
        var rows = await payouts.OrderByDescending(p => p.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return TypedResults.Ok(new PayoutPage(page.Select(PayoutDto.From).ToList(), rows.Count > take ? page[^1].Id.ToString() : null));
    }
}
