using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using KamHub.Core.Time;

namespace KamHub.Booking.Seats;

/// <summary>
/// Every change to a departure's seats counter, as conditional updates inside the caller's transaction (ADR 0005):
/// the database decides, never a read followed by a write. Booking rows are always changed before the departure row,
/// in id order, so concurrent transactions lock in the same order. Every change also moves the departure's
/// availability version; <see cref="AvailabilityPublisher"/> announces it after the commit.
/// </summary>
internal sealed class SeatLedger(BookingDbContext db, IEventPublisher events, AvailabilitySignal availability)
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
        events.Publish(db, bookingId.ToString(), new BookingExpired(bookingId, departureId, seats, StoredTime.Utc(now)));
        return true;
    }

    /// <summary>Takes seats if the departure is open and has them: one conditional UPDATE, so concurrent takers cannot oversell.</summary>
    public async Task<bool> TryTakeAsync(Guid departureId, int seats, CancellationToken ct)
    {
        var taken = await db.Departures
            .Where(d => d.Id == departureId && d.Status == DepartureStatus.Scheduled && d.SeatsTaken + seats <= d.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SeatsTaken, d => d.SeatsTaken + seats)
                .SetProperty(d => d.AvailabilityVersion, d => d.AvailabilityVersion + 1), ct) == 1;
        if (taken) availability.Notify();
        return taken;
    }

    /// <summary>
    /// The hold's last step: takes the seats and commits the caller's transaction. On PostgreSQL both go in one round
    /// trip (<see cref="PipelinedCommit"/>), so the departure row, which every hold of the departure updates, stays
    /// locked for the server's time only. Answers false when the departure is closed or full; the transaction is then
    /// not committed and the caller rolls it back.
    /// </summary>
    public async Task<bool> TakeAndCommitAsync(IDbContextTransaction transaction, Guid departureId, int seats, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            if (!await TryTakeAsync(departureId, seats, ct)) return false;
            await transaction.CommitAsync(ct);
            return true;
        }

        try
        {
            await PipelinedCommit.ExecuteAndCommitAsync(db, SeatTakeSql.TakeOrFail(db), [seats, departureId], ct);
        }
        catch (PostgresException e) when (e.SqlState == SeatTakeSql.RefusedSqlState)
        {
            return false;
        }

        availability.Notify();
        return true;
    }

    public async Task ReleaseAsync(Guid departureId, int seats, CancellationToken ct)
    {
        await db.Departures.Where(d => d.Id == departureId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SeatsTaken, d => d.SeatsTaken - seats)
                .SetProperty(d => d.AvailabilityVersion, d => d.AvailabilityVersion + 1), ct);
        availability.Notify();
    }

    /// <summary>
    /// For changes made outside this ledger (capacity, status): moves the departure's availability version inside the
    /// caller's transaction, so availability.changed follows its commit.
    /// </summary>
    public async Task AvailabilityChangedAsync(Guid departureId, CancellationToken ct)
    {
        await db.Departures.Where(d => d.Id == departureId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.AvailabilityVersion, d => d.AvailabilityVersion + 1), ct);
        availability.Notify();
    }
}
