using KamHub.Booking.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Seats;

/// <summary>Seats left as readers see them: run-out holds do not count even before the sweeper marks them (ADR 0005).</summary>
internal static class SeatsLeft
{
    public static async Task<Dictionary<Guid, int>> ForAsync(BookingDbContext db, IReadOnlyCollection<Departure> departures, DateTime now, CancellationToken ct)
    {
        var ids = departures.Select(d => d.Id).ToList();
        var runOut = await db.Bookings.AsNoTracking()
            .Where(b => ids.Contains(b.DepartureId) && b.Status == BookingStatus.Held && b.HoldExpiresAt <= now)
            .GroupBy(b => b.DepartureId).Select(g => new { DepartureId = g.Key, Seats = g.Sum(b => b.Seats) })
            .ToDictionaryAsync(x => x.DepartureId, x => x.Seats, ct);
        return departures.ToDictionary(d => d.Id, d => Of(d, runOut.GetValueOrDefault(d.Id)));
    }

    public static int Of(Departure departure, int runOutHeldSeats) =>
        departure.Status == DepartureStatus.Cancelled ? 0 : Math.Max(0, departure.Capacity - departure.SeatsTaken + runOutHeldSeats);
}
