using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>
/// Writes and reads the points ledger. An earning is worth its points until it expires, less what a reversal of the
/// same booking took back and what spending took from it (oldest first); <see cref="PointsLots"/> replays the lines,
/// so expiry needs no job (ADR 0017, 0019).
/// </summary>
internal sealed class PointsLedger(EngagementDbContext db, IOptions<EngagementOptions> options)
{
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

    /// <summary>What the user can spend now, and each live earning's remaining points with when they lapse, soonest first.</summary>
    public async Task<PointsBalance> BalanceAsync(Guid userId, DateTime now, CancellationToken ct)
    {
        var lots = PointsLots.Replay(await db.PointsEntries.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct));
        return new PointsBalance(lots.BalanceAt(now),
            lots.ExpiringAfter(now).Select(l => new ExpiringPoints(l.Points, StoredTime.Utc(l.ExpiresAt))).ToList());
    }
}

internal sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);

/// <param name="Balance">Points that can be spent now (one point is one whole unit of the currency paid).</param>
/// <param name="Expiring">Where the balance comes from, soonest to lapse first.</param>
internal sealed record PointsBalance(long Balance, IReadOnlyList<ExpiringPoints> Expiring);
