using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Discovery.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Tours.ListOperatorTours;

/// <summary>
/// GET /api/operator/tours: the signed-in operator's own tours in every status (drafts and archived too, which search never
/// shows), newest first; an admin sees every operator's, or one with <c>?operatorId=</c>. An organisation has tens of tours,
/// so one page of at most <see cref="MaxTours"/> answers it.
/// </summary>
internal static class ListOperatorToursEndpoint
{
    public const int MaxTours = 500;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/operator/tours", HandleAsync).RequireAuthorization(AuthenticationRegistration.OperatorPolicy).WithTags("Tours")
            .Produces<IReadOnlyList<TourDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(Guid? operatorId, ClaimsPrincipal user, DiscoveryDbContext db, CancellationToken ct)
    {
        var tours = db.Tours.AsNoTracking();
        if (user.IsAdmin())
        {
            if (operatorId is { } chosen) tours = tours.Where(t => t.OperatorId == chosen);
        }
        else
        {
            if (user.GetOperatorId() is not { } own) return Problems.Forbidden("Your account is not attached to an operator organisation.");
            tours = tours.Where(t => t.OperatorId == own);
        }

        var rows = await tours.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Take(MaxTours).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(TourDto.From).ToList());
    }
}
