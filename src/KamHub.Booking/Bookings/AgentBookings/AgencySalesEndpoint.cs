using System.Security.Claims;
using KamHub.Booking.Bookings.ListBookings;
using KamHub.Booking.Data;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Partners.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Booking.Bookings.AgentBookings;

/// <summary>
/// GET /api/agent/agency/bookings: what every member sold for the caller's agency (under its grants, by whoever was a
/// member then), newest first, and the agency's paid sales and commission per month. Every current member sees it; an
/// agent outside any agency gets 404 (ADR 0023, update for agencies). The agency comes from Partners now, so a removed
/// member sees its agency's sales no more, while the bookings stay the agency's.
/// </summary>
internal static class AgencySalesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/agent/agency/bookings", HandleAsync).RequireAuthorization(AuthenticationRegistration.AgentPolicy).WithTags("Agencies");

    private static async Task<Results<Ok<AgencySalesPage>, ProblemHttpResult, ValidationProblem>> HandleAsync(string? cursor, int? limit, ClaimsPrincipal user,
        BookingDbContext db, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } agentId) return Problems.Unauthorized("The token names no user.");
        var errors = new ValidationErrors();
        var (after, take) = BookingPage.Parse(cursor, limit, errors);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (services.GetService<IAgencyDirectory>() is not { } agencies || await agencies.MembershipAsync(agentId, ct) is not { } agency)
            return Problems.NotFound("You are not a member of an agency.");

        var sold = db.Bookings.AsNoTracking().Where(b => b.AgencyId == agency.AgencyId);
        var (items, next) = await SalesPage.ReadAsync(sold, after, take, services, clock, ct);
        return TypedResults.Ok(new AgencySalesPage(agency.AgencyId, agency.Name, items, next, await AgentBookingsEndpoint.MonthsAsync(sold, services, ct)));
    }
}
