using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Seats;

/// <summary>
/// Every change to a departure's seats counter, as conditional updates inside the caller's transaction (ADR 0005):
/// the database decides, never a read followed by a write. Booking rows are always changed before the departure row,
/// in id order, so concurrent transactions lock in the same order.
/// </summary>
internal sealed class SeatLedger(BookingDbContext db, IEventPublisher events)
{
    /// <summary>Marks the run-out holds of one departure expired and returns their seats. Returns the seats released.</summary>
    public async Task<int> ReclaimExpiredAsync(Guid departureId, DateTime now, CancellationToken ct)
    {
        var candidates = await db.Bookings.AsNoTracking()
            .Where(b => b.DepartureId == departureId && b.Status == BookingStatus.Held && b.HoldExpiresAt <= now)
            .OrderBy(b => b.Id).Select(b => new { b.Id, b.Seats }).ToListAsync(ct);
        var released = 0;
        foreach (var hold in candidates)
        {
            if (await MarkExpiredAsync(hold.Id, departureId, hold.Seats, now, ct)) released += hold.Seats;
        }

        if (released > 0) await ReleaseAsync(departureId, released, ct);
        return released;
    }

    /// <summary>held → expired, only if still held and run out; publishes booking.expired. The caller returns the seats.</summary>
    public async Task<bool> MarkExpiredAsync(Guid bookingId, Guid departureId, int seats, DateTime now, CancellationToken ct)
    {
        var changed = await db.Bookings
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.Held && b.HoldExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Expired).SetProperty(b => b.ExpiredAt, now), ct);
        if (changed == 0) return false;
        events.Publish(db, bookingId.ToString(), new BookingExpired(bookingId, departureId, seats, BookingClock.Utc(now)));
        return true;
    }

    /// <summary>Takes seats if the departure is open and has them: one conditional UPDATE, so concurrent takers cannot oversell.</summary>
    public async Task<bool> TryTakeAsync(Guid departureId, int seats, CancellationToken ct) =>
        await db.Departures
            .Where(d => d.Id == departureId && d.Status == DepartureStatus.Scheduled && d.SeatsTaken + seats <= d.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SeatsTaken, d => d.SeatsTaken + seats), ct) == 1;

    /// <summary>
    /// The same conditional take, answering with the counter it left (null: refused), for callers that publish
    /// availability.changed right after: one round trip instead of an UPDATE and a SELECT of the hot row.
    /// </summary>
    public async Task<SeatCounter?> TryTakeReturningAsync(Guid departureId, int seats, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<SeatCounter>(SeatTakeSql.For(db), seats, departureId).ToListAsync(ct);
        return rows.Count == 1 ? rows[0] : null;
    }

    public Task ReleaseAsync(Guid departureId, int seats, CancellationToken ct) =>
        db.Departures.Where(d => d.Id == departureId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SeatsTaken, d => d.SeatsTaken - seats), ct);

    /// <summary>Publishes availability.changed with the counter as this transaction sees it (run-out holds reclaimed first by the caller).</summary>
    public async Task PublishAvailabilityAsync(Guid departureId, DateTime now, CancellationToken ct)
    {
        var departure = await db.Departures.AsNoTracking().Where(d => d.Id == departureId)
            .Select(d => new SeatCounter(d.TourId, d.Capacity, d.SeatsTaken, d.Status)).SingleAsync(ct);
        PublishAvailability(departureId, departure, now);
    }

    /// <summary>Publishes availability.changed from a counter this transaction already holds (see <see cref="TryTakeReturningAsync"/>).</summary>
    public void PublishAvailability(Guid departureId, SeatCounter counter, DateTime now)
    {
        var left = counter.Status == DepartureStatus.Cancelled ? 0 : Math.Max(0, counter.Capacity - counter.SeatsTaken);
        events.Publish(db, departureId.ToString(), new AvailabilityChanged(departureId, counter.TourId, counter.Capacity, left, BookingClock.Utc(now)));
    }
}
