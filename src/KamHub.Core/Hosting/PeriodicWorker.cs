using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamHub.Core.Hosting;

/// <summary>
/// The one loop for periodic background work: a <see cref="PeriodicTimer"/> on the <see cref="TimeProvider"/> (tests
/// move the clock), optionally a first run at start, and a failed run logged and left to the next tick instead of
/// ending the worker. Subclasses say what one run does, how often, and what to call it in the log.
/// </summary>
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
            using var timer = new PeriodicTimer(interval, Clock);
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TickAsync(interval, stoppingToken);
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
