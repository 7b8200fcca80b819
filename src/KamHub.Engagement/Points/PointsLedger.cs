using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Engagement.Points;

/// <summary>
/// Writes and reads the points ledger. An earning is worth its points until it expires, less what a reversal of the
/// same booking took back; the balance is the sum of those over unexpired earnings, so expiry needs no job and lapses
/// oldest first by construction (earnings expire in the order they were earned).
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

    /// <summary>What the user can spend now, and each live earning's remaining points with when they lapse, soonest first.</summary>
    public async Task<PointsBalance> BalanceAsync(Guid userId, DateTime now, CancellationToken ct)
    {
        var entries = await db.PointsEntries.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        var reversed = entries.Where(p => p.Kind == PointsEntry.Reversed).ToDictionary(p => p.BookingId, p => -p.Points);
        var live = entries.Where(p => p.Kind == PointsEntry.Earned && p.ExpiresAt > now)
            .Select(p => new ExpiringPoints(p.Points - reversed.GetValueOrDefault(p.BookingId), StoredTime.Utc(p.ExpiresAt!.Value)))
            .Where(p => p.Points > 0).OrderBy(p => p.ExpiresAt).ToList();
        return new PointsBalance(live.Sum(p => p.Points), live);
    }
}

internal sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);

/// <param name="Balance">Points that can be spent now (one point is one whole unit of the currency paid).</param>
/// <param name="Expiring">Where the balance comes from, soonest to lapse first.</param>
internal sealed record PointsBalance(long Balance, IReadOnlyList<ExpiringPoints> Expiring);
