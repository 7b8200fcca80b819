using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamHub.Core.Hosting;

/// <summary>
/// The one loop for periodic background work: a delay of one interval on the <see cref="TimeProvider"/> (tests move
/// the clock) between runs, optionally a first run at start, and a failed run logged and left to the next tick instead
/// of ending the worker. Subclasses say what one run does, how often, and what to call it in the log.
/// </summary>
/// <remarks>
/// A one-shot delay per run, not a <see cref="PeriodicTimer"/>: a periodic timer on a fake clock moved a year ahead fires
/// once for every interval in that year (FakeTimeProvider catches up period by period), which made clock-moving tests
/// spend minutes in timer callbacks. On a real clock the two behave the same: a run that overruns starts the next
/// interval when it ends.
/// </remarks>
public abstract class PeriodicWorker(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the timer runs on, for the work's own "now".</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Read once when the worker starts.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>For the log line of a failed run ("Sweeping expired holds failed; …").</summary>
    protected abstract string WorkName { get; }

    /// <summary>Run once right at start (clean-ups whose first run should not wait a whole interval).</summary>
    protected virtual bool RunsAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        try
        {
            if (RunsAtStart) await TickAsync(interval, stoppingToken);
            while (true)
            {
                await Task.Delay(interval, Clock, stoppingToken);
                await TickAsync(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "{Work} failed; it runs again in {Interval}", WorkName, interval);
        }
    }
}
