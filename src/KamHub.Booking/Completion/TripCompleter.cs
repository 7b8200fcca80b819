using KamHub.Booking.Data;
using KamHub.Core.Data;
using KamHub.Discovery.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using KamHub.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Completion;

/// <summary>
/// Completes trips on a TimeProvider timer (tests move the clock): every confirmed booking of a departure that is not
/// cancelled and whose end has passed becomes completed, each in its own transaction with its booking.completed. The
/// work is read from the tables on every tick, so a restart loses nothing and a second run finds nothing left to do;
/// the conditional confirmed → completed update keeps a racing cancellation or a second instance from completing twice.
/// </summary>
internal sealed class TripCompleter(IServiceScopeFactory scopes, IOptions<BookingOptions> options, TimeProvider clock, ILogger<TripCompleter> logger)
    : PeriodicWorker(clock, logger)
{
    private const int BatchSize = 200;

    protected override TimeSpan Interval => options.Value.CompletionInterval;

    protected override string WorkName => "Completing ended trips";

    protected override async Task RunOnceAsync(CancellationToken ct) => await CompleteDueAsync(ct);

    /// <summary>Fills missing ends, then completes batches until none is left; returns how many bookings it completed.</summary>
    public async Task<int> CompleteDueAsync(CancellationToken ct)
    {
        await FillMissingEndsAsync(ct);
        var total = 0;
        while (true)
        {
            var (found, completed) = await CompleteBatchAsync(ct);
            total += completed;
            if (found < BatchSize) return total;
        }
    }

    private async Task<(int Found, int Completed)> CompleteBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var completion = scope.ServiceProvider.GetRequiredService<BookingCompletion>();
        var now = StoredTime.Now(Clock);
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed)
            .Join(db.Departures.AsNoTracking().Where(d => d.Status == DepartureStatus.Scheduled && d.EndsAt != null && d.EndsAt <= now),
                b => b.DepartureId, d => d.Id, (b, d) => new { Booking = b, EndsAt = d.EndsAt!.Value })
            .OrderBy(x => x.Booking.Id).Take(BatchSize).ToListAsync(ct);
        var completed = 0;
        foreach (var item in due)
        {
            if (await RetryingTransaction.RunAsync(db, async token =>
                {
                    var done = await completion.CompleteAsync(item.Booking, item.EndsAt, now, token);
                    return (done, done);
                }, ct)) completed++;
        }

        if (completed > 0) logger.LogInformation("Completed {Count} bookings of ended departures", completed);
        return (due.Count, completed);
    }

    /// <summary>Departures scheduled before ends were recorded: their end is the start plus the tour's duration now.</summary>
    private async Task FillMissingEndsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<ITourCatalog>();
        var now = StoredTime.Now(Clock);
        var missing = await db.Departures.AsNoTracking()
            .Where(d => d.EndsAt == null && d.StartsAt <= now && d.Status == DepartureStatus.Scheduled)
            .OrderBy(d => d.StartsAt).Take(BatchSize).Select(d => new { d.Id, d.TourId, d.StartsAt }).ToListAsync(ct);
        foreach (var departure in missing)
        {
            var minutes = (await catalog.FindAsync(departure.TourId, ct))?.DurationMinutes ?? 0;
            var end = departure.StartsAt.AddMinutes(minutes);
            await db.Departures.Where(d => d.Id == departure.Id && d.EndsAt == null).ExecuteUpdateAsync(s => s.SetProperty(d => d.EndsAt, end), ct);
        }
    }
}
