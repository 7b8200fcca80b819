using KamHub.Booking.Data;
using KamHub.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Bookings.AgentBookings;

/// <summary>One page of sales (an agent's or an agency's), newest first, keyset on the id, each with the ledger's money.</summary>
internal static class SalesPage
{
    public static async Task<(List<AgentBookingDto> Items, string? NextCursor)> ReadAsync(IQueryable<TourBooking> sold, Guid? after, int take,
        IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var page = after is { } last ? sold.Where(b => b.Id.CompareTo(last) < 0) : sold;
        var rows = await page.OrderByDescending(b => b.Id).Take(take + 1).ToListAsync(ct);
        var shown = rows.Take(take).ToList();
        var money = await AgentCommission.OfAsync(services, shown.Select(b => b.Id).ToList(), ct);
        var now = StoredTime.Now(clock);
        var items = shown.Select(b => AgentBookingDto.From(b, money.GetValueOrDefault(b.Id), now)).ToList();
        return (items, rows.Count > take ? items[^1].Id.ToString() : null);
    }
}
