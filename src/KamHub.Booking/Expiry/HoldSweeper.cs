using KamHub.Core.Data;
using KamHub.Core.Hosting;
using KamHub.Booking.Data;
using KamHub.Booking.Seats;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Expiry;

/// <summary>
/// Marks run-out holds expired on a TimeProvider timer (tests move the clock), one booking per transaction: the
/// conditional held → expired update, the seats back (which moves the availability version: see AvailabilityPublisher) and booking.expired. Until it runs, readers
/// and new bookings already treat those holds as gone (ADR 0005); the sweep makes it visible to subscribers.
/// </summary>
internal sealed class HoldSweeper(IServiceScopeFactory scopes, IOptions<BookingOptions> options, TimeProvider clock, ILogger<HoldSweeper> logger)
    : PeriodicWorker(clock, logger)
{
    private const int BatchSize = 200;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string WorkName => "Sweeping expired holds";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        while (await SweepOnceAsync(ct) == BatchSize)
        {
        }
    }

    /// <summary>Returns how many run-out holds it found (expired by it or by someone faster).</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var seats = scope.ServiceProvider.GetRequiredService<SeatLedger>();
        var now = StoredTime.Now(Clock);
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Held && b.HoldExpiresAt <= now)
            .OrderBy(b => b.HoldExpiresAt).Take(BatchSize)
            .Select(b => new { b.Id, b.DepartureId, b.Seats }).ToListAsync(ct);
        foreach (var hold in due)
        {
            await RetryingTransaction.RunAsync(db, async token =>
            {
                if (!await seats.MarkExpiredAsync(hold.Id, hold.DepartureId, hold.Seats, now, token)) return (false, false);
                await seats.ReleaseAsync(hold.DepartureId, hold.Seats, token);
                return (true, true);
            }, ct);
        }

        if (due.Count > 0) logger.LogInformation("Expired {Count} run-out holds", due.Count);
        return due.Count;
    }
}
