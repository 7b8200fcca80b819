using KamHub.Core.Data;
using KamHub.Engagement.Contracts;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>
/// The facade Booking calls while it holds seats (ADR 0019). One point is one whole currency unit (100 minor units),
/// as when earning; a booking may spend up to <see cref="EngagementOptions.PointsMaxDiscountPercent"/> of its price.
/// The user's <see cref="PointsAccount"/> row is locked first (UPDATE of its version), then the balance is read and the
/// redemption written in the same transaction: a second reservation of the same user waits for the lock, and its
/// balance, read by a new statement after the first one committed, already has the first spend in it (PostgreSQL's
/// READ COMMITTED; SQLite has one writer at a time and the UPDATE takes its write lock).
/// </summary>
internal sealed class PointsRedemption(EngagementDbContext db, PointsLedger ledger, IOptions<EngagementOptions> options, TimeProvider clock)
    : IPointsRedemption
{
    public const long MinorPerPoint = 100;

    public async Task<PointsReservation> ReserveAsync(PointsReservationRequest request, CancellationToken ct)
    {
        var maxPoints = MaxPoints(request.PriceMinor);
        if (request.Points <= 0) return new PointsReservation(PointsReservationOutcomes.Reserved, 0, 0, maxPoints);
        await EnsureAccountAsync(request.UserId, ct);
        var now = StoredTime.Now(clock);
        return await RetryingTransaction.RunAsync(db, async token =>
        {
            await ledger.LockAsync(request.UserId, token);
            var entries = await db.PointsEntries.AsNoTracking().Where(p => p.UserId == request.UserId).ToListAsync(token);
            if (entries.FirstOrDefault(p => p.BookingId == request.BookingId && p.Kind == PointsEntry.Redeemed) is { } earlier)
                return (false, new PointsReservation(PointsReservationOutcomes.Reserved, -earlier.Points * MinorPerPoint, 0, maxPoints));
            var balance = PointsLots.Replay(entries).BalanceAt(now);
            if (request.Points > maxPoints) return (false, new PointsReservation(PointsReservationOutcomes.OverLimit, 0, balance, maxPoints));
            if (request.Points > balance) return (false, new PointsReservation(PointsReservationOutcomes.InsufficientBalance, 0, balance, maxPoints));
            db.PointsEntries.Add(new PointsEntry
            {
                Id = Guid.CreateVersion7(), UserId = request.UserId, BookingId = request.BookingId, Kind = PointsEntry.Redeemed, Points = -request.Points,
                CreatedAt = now,
            });
            return (true, new PointsReservation(PointsReservationOutcomes.Reserved, request.Points * MinorPerPoint, balance, maxPoints));
        }, ct);
    }

    public async Task ReleaseAsync(Guid bookingId, CancellationToken ct)
    {
        try
        {
            if (await ledger.ReturnAsync(bookingId, long.MaxValue, StoredTime.Now(clock), ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Returned meanwhile (the unique booking and kind): that is all this wanted.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private long MaxPoints(long priceMinor) => priceMinor * options.Value.PointsMaxDiscountPercent / 100 / MinorPerPoint;

    /// <summary>The lock row, in its own short transaction before the reservation (a race on the key is harmless).</summary>
    private async Task EnsureAccountAsync(Guid userId, CancellationToken ct)
    {
        if (await db.PointsAccounts.AnyAsync(a => a.UserId == userId, ct)) return;
        db.PointsAccounts.Add(new PointsAccount { UserId = userId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another reservation created it first.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
