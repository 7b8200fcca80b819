using System.Globalization;
using System.Security.Claims;
using KamHub.Booking.Bookings.ListBookings;
using KamHub.Booking.Data;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Bookings.AgentBookings;

/// <summary>
/// GET /api/agent/bookings: what the signed-in agent sold, newest first (keyset on the id), each with its commission,
/// and its paid sales and commission per month (UTC, of the confirmation) and currency (ADR 0023).
/// </summary>
internal static class AgentBookingsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/agent/bookings", HandleAsync).RequireAuthorization(AuthenticationRegistration.AgentPolicy).WithTags("Agents");

    private static async Task<Results<Ok<AgentBookingPage>, ProblemHttpResult, ValidationProblem>> HandleAsync(string? cursor, int? limit, ClaimsPrincipal user,
        BookingDbContext db, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } agentId) return Problems.Unauthorized("The token names no user.");
        var errors = new ValidationErrors();
        var (after, take) = BookingPage.Parse(cursor, limit, errors);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var sold = db.Bookings.AsNoTracking().Where(b => b.AgentId == agentId);
        var (items, next) = await SalesPage.ReadAsync(sold, after, take, services, clock, ct);
        return TypedResults.Ok(new AgentBookingPage(items, next, await MonthsAsync(sold, services, ct)));
    }

    /// <summary>Every booking of the agent (or agency) that was ever confirmed (paid), by the month of its confirmation.</summary>
    internal static async Task<List<AgentMonth>> MonthsAsync(IQueryable<TourBooking> sold, IServiceProvider services, CancellationToken ct)
    {
        var paid = await sold.Where(b => b.ConfirmedAt != null).Select(b => new { b.Id, b.Currency, ConfirmedAt = b.ConfirmedAt!.Value }).ToListAsync(ct);
        var money = await AgentCommission.OfAsync(services, paid.Select(b => b.Id).ToList(), ct);
        return paid.Where(b => money.ContainsKey(b.Id))
            .GroupBy(b => (Month: b.ConfirmedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture), b.Currency))
            .OrderByDescending(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new AgentMonth(g.Key.Month, g.Key.Currency, g.Count(), g.Sum(b => money[b.Id].CapturedMinor - money[b.Id].RefundedMinor),
                g.Sum(b => money[b.Id].AgentCommissionMinor)))
            .ToList();
    }
}
