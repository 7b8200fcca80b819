using KamHub.Core.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KamHub.Core.Tests.Hosting;

public sealed class PeriodicWorkerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Counts its runs; the first one throws, as a database that is down for a moment would.</summary>
    private sealed class FlakyWorker(TimeProvider clock, bool runsAtStart) : PeriodicWorker(clock, NullLogger.Instance)
    {
        private int _runs;

        public SemaphoreSlim Ran { get; } = new(0);

        public int Runs => Volatile.Read(ref _runs);

        protected override TimeSpan Interval => PeriodicWorkerTests.Interval;

        protected override string WorkName => "Flaky work";

        protected override bool RunsAtStart => runsAtStart;

        protected override Task RunOnceAsync(CancellationToken ct)
        {
            var run = Interlocked.Increment(ref _runs);
            Ran.Release();
            return run == 1 ? throw new InvalidOperationException("down for a moment") : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task FailedRun_WhenTheClockMovesAnInterval_RunsAgainInsteadOfStopping()
    {
        var clock = new FakeTimeProvider();
        using var worker = new FlakyWorker(clock, runsAtStart: false);
        await worker.StartAsync(CancellationToken.None);

        Assert.True(await TickUntilRunAsync(worker, clock), "first tick never ran");
        Assert.True(await TickUntilRunAsync(worker, clock), "the worker stopped after a failed run");
        Assert.Equal(2, worker.Runs);
        Assert.False(worker.ExecuteTask!.IsCompleted);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunsAtStart_RunsBeforeTheFirstInterval()
    {
        var clock = new FakeTimeProvider();
        using var worker = new FlakyWorker(clock, runsAtStart: true);
        await worker.StartAsync(CancellationToken.None);

        // The clock has not moved: only the start run can have happened.
        Assert.True(await worker.Ran.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, worker.Runs);
        await worker.StopAsync(CancellationToken.None);
    }

    /// <summary>Moves the fake clock one interval at a time until a run happens (the timer may not exist yet on the first moves); bounded.</summary>
    private static async Task<bool> TickUntilRunAsync(FlakyWorker worker, FakeTimeProvider clock)
    {
        for (var i = 0; i < 300; i++)
        {
            clock.Advance(Interval);
            if (await worker.Ran.WaitAsync(TimeSpan.FromMilliseconds(100))) return true;
        }

        return false;
    }
}
