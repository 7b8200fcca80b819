using KamHub.Booking.Contracts;
using KamHub.Core.Hosting;
using KamHub.Core.Time;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Engagement.Points;

/// <summary>
/// Gives back points reserved for a booking that was never stored (ADR 0019, consequences): the reservation commits
/// before Booking's hold transaction, so a crash between the two leaves a <c>redeemed</c> line no event will ever name.
/// Every <see cref="EngagementOptions.PointsOrphanInterval"/> it looks at redemptions older than
/// <see cref="EngagementOptions.PointsOrphanAfter"/> (long past any hold's commit) and younger than that plus
/// <see cref="EngagementOptions.PointsOrphanLookback"/>, not yet returned, and returns those whose booking Booking's
/// directory does not know. The window bounds each run; an instance down for longer than the look-back leaves the
/// orphans of that time (logged nowhere: a rare crash during a long outage). Idempotent (one return per booking).
/// </summary>
internal sealed class OrphanedRedemptionWorker(IServiceScopeFactory scopes, IOptions<EngagementOptions> options, TimeProvider clock,
    ILogger<OrphanedRedemptionWorker> logger) : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => options.Value.PointsOrphanInterval;

    protected override string WorkName => "Returning points of bookings that were never stored";

    public async Task<int> ReturnOrphansAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var bookings = scope.ServiceProvider.GetRequiredService<IBookingDirectory>();
        var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
        var now = StoredTime.Now(Clock);
        var newest = now - options.Value.PointsOrphanAfter;
        var oldest = newest - options.Value.PointsOrphanLookback;
        var candidates = await db.PointsEntries.AsNoTracking()
            .Where(p => p.Kind == PointsEntry.Redeemed && p.CreatedAt <= newest && p.CreatedAt > oldest)
            .Where(p => !db.PointsEntries.Any(r => r.BookingId == p.BookingId && r.Kind == PointsEntry.Returned))
            .Select(p => p.BookingId).ToListAsync(ct);
        var returned = 0;
        foreach (var bookingId in candidates)
        {
            if (await bookings.FindAsync(bookingId, ct) is not null) continue;
            try
            {
                if (!await ledger.ReturnAsync(bookingId, long.MaxValue, now, ct)) continue;
                await db.SaveChangesAsync(ct);
                returned++;
                logger.LogWarning("Points reserved for booking {BookingId}, which was never stored, were given back", bookingId);
            }
            catch (DbUpdateException)
            {
                // Returned meanwhile by another instance: the unique (booking, kind) keeps it once.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return returned;
    }

    protected override Task RunOnceAsync(CancellationToken ct) => ReturnOrphansAsync(ct);
}
