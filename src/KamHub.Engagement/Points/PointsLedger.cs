using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>
/// Writes and reads the points ledger. An earning is worth its points until it expires, less what a reversal of the
/// same booking took back and what spending took from it (oldest first); <see cref="PointsLots"/> replays the lines,
/// so expiry needs no job (ADR 0017, 0019).
/// </summary>
internal sealed class PointsLedger(EngagementDbContext db, IOptions<EngagementOptions> options, ILogger<PointsLedger> logger)
{
    /// <summary>
    /// Takes the user's lock row (an UPDATE of its version) in the caller's transaction: whoever spends or retakes the
    /// user's points after this reads the balance only after this transaction ends (ADR 0019).
    /// </summary>
    public Task LockAsync(Guid userId, CancellationToken ct) =>
        db.PointsAccounts.Where(a => a.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1), ct);

    /// <summary>Adds (not saves) the earning of a completed trip; nothing when it is worth no point or was earned already.</summary>
    public async Task EarnAsync(CompletedTrip trip, CancellationToken ct)
    {
        var points = trip.PaidMinor * options.Value.PointsEarnPercent / 100 / 100;
        if (points <= 0 || await db.PointsEntries.AnyAsync(p => p.BookingId == trip.BookingId && p.Kind == PointsEntry.Earned, ct)) return;
        db.PointsEntries.Add(new PointsEntry
        {
            Id = Guid.CreateVersion7(), UserId = trip.CustomerId, BookingId = trip.BookingId, Kind = PointsEntry.Earned, Points = points,
            CreatedAt = trip.CompletedAt, ExpiresAt = trip.CompletedAt.AddMonths(options.Value.PointsExpiryMonths),
        });
    }

    /// <summary>Adds (not saves) the reversal of a booking's earning, once; false when it earned nothing.</summary>
    public async Task<bool> ReverseAsync(Guid bookingId, DateTime now, CancellationToken ct)
    {
        var earned = await db.PointsEntries.AsNoTracking().FirstOrDefaultAsync(p => p.BookingId == bookingId && p.Kind == PointsEntry.Earned, ct);
        if (earned is null || await db.PointsEntries.AnyAsync(p => p.BookingId == bookingId && p.Kind == PointsEntry.Reversed, ct)) return false;
        db.PointsEntries.Add(new PointsEntry
        {
            Id = Guid.CreateVersion7(), UserId = earned.UserId, BookingId = bookingId, Kind = PointsEntry.Reversed, Points = -earned.Points, CreatedAt = now,
        });
        return true;
    }

    /// <summary>Adds (not saves) the return of a booking's redemption, once and at most what was spent; false when nothing is owed back.</summary>
    public async Task<bool> ReturnAsync(Guid bookingId, long points, DateTime now, CancellationToken ct)
    {
        var redeemed = await db.PointsEntries.AsNoTracking().FirstOrDefaultAsync(p => p.BookingId == bookingId && p.Kind == PointsEntry.Redeemed, ct);
        if (redeemed is null || await db.PointsEntries.AnyAsync(p => p.BookingId == bookingId && p.Kind == PointsEntry.Returned, ct)) return false;
        var back = Math.Min(points, -redeemed.Points);
        if (back <= 0) return false;
        db.PointsEntries.Add(new PointsEntry
        {
            Id = Guid.CreateVersion7(), UserId = redeemed.UserId, BookingId = bookingId, Kind = PointsEntry.Returned, Points = back, CreatedAt = now,
        });
        return true;
    }

    /// <summary>
    /// Adds (not saves) the retake of a booking confirmed by a payment after its hold expired: the discount stands, so the
    /// points its expiry gave back are spent again, under the user's lock, into a debt for what the balance no longer has
    /// (ADR 0019). When booking.expired has not been handled yet, its return is written here first (that handler then
    /// finds it and adds nothing), so the two events may arrive in either order. Once per booking; false when nothing to do.
    /// </summary>
    public async Task<bool> RetakeAsync(Guid bookingId, long points, DateTime now, CancellationToken ct)
    {
        var lines = await db.PointsEntries.AsNoTracking().Where(p => p.BookingId == bookingId).ToListAsync(ct);
        if (lines.FirstOrDefault(p => p.Kind == PointsEntry.Redeemed) is not { } redeemed || lines.Any(p => p.Kind == PointsEntry.Retaken)) return false;
        var retaken = Math.Min(points, -redeemed.Points);
        if (retaken <= 0) return false;
        await LockAsync(redeemed.UserId, ct);
        var user = await db.PointsEntries.AsNoTracking().Where(p => p.UserId == redeemed.UserId).ToListAsync(ct);
        if (!lines.Any(p => p.Kind == PointsEntry.Returned))
            user.Add(Add(redeemed.UserId, bookingId, PointsEntry.Returned, -redeemed.Points, now));
        var balance = PointsLots.Replay(user).BalanceAt(now);
        Add(redeemed.UserId, bookingId, PointsEntry.Retaken, -retaken, now);
        if (retaken > balance)
            logger.LogWarning("Booking {BookingId} was paid after its hold expired; {Points} points are spent again, {Owed} of them owed by user {UserId}",
                bookingId, retaken, retaken - balance, redeemed.UserId);
        return true;
    }

    /// <summary>Adds (not saves) the return of a share of a retake (the late-confirmed booking is cancelled), once and at most what was retaken.</summary>
    public async Task<bool> ReturnRetakenAsync(Guid bookingId, long points, DateTime now, CancellationToken ct)
    {
        var lines = await db.PointsEntries.AsNoTracking().Where(p => p.BookingId == bookingId).ToListAsync(ct);
        if (lines.FirstOrDefault(p => p.Kind == PointsEntry.Retaken) is not { } retaken || lines.Any(p => p.Kind == PointsEntry.RetakeReturned)) return false;
        var back = Math.Min(points, -retaken.Points);
        if (back <= 0) return false;
        Add(retaken.UserId, bookingId, PointsEntry.RetakeReturned, back, now);
        return true;
    }

    /// <summary>What the user can spend now, and each live earning's remaining points with when they lapse, soonest first.</summary>
    public async Task<PointsBalance> BalanceAsync(Guid userId, DateTime now, CancellationToken ct)
    {
        var lots = PointsLots.Replay(await db.PointsEntries.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct));
        return new PointsBalance(lots.BalanceAt(now),
            lots.ExpiringAfter(now).Select(l => new ExpiringPoints(l.Points, StoredTime.Utc(l.ExpiresAt))).ToList(), lots.OwedAt(now));
    }

    private PointsEntry Add(Guid userId, Guid bookingId, string kind, long points, DateTime now)
    {
        var entry = new PointsEntry { Id = Guid.CreateVersion7(), UserId = userId, BookingId = bookingId, Kind = kind, Points = points, CreatedAt = now };
        db.PointsEntries.Add(entry);
        return entry;
    }
}

internal sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);

/// <param name="Balance">Points that can be spent now (one point is one whole unit of the currency paid).</param>
/// <param name="Expiring">Where the balance comes from, soonest to lapse first.</param>
/// <param name="Owed">Points spent beyond the balance (a late payment's retake, ADR 0019), paid first from the next earnings.</param>
internal sealed record PointsBalance(long Balance, IReadOnlyList<ExpiringPoints> Expiring, long Owed);
