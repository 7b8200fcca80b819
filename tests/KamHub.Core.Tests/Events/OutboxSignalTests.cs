using KamHub.Core.Events;

namespace KamHub.Core.Tests.Events;

/// <summary>
/// One commit wakes one dispatch loop (the others would only claim nothing), a commit while no loop waits is kept for
/// the next one, and the signal of one module database leaves the others asleep.
/// </summary>
public sealed class OutboxSignalTests
{
    private sealed class ModuleA;

    private sealed class ModuleB;

    [Fact]
    public async Task Notify_WithTwoLoopsWaiting_WakesExactlyOne()
    {
        var signal = new OutboxSignal();
        using var stop = new CancellationTokenSource();
        var first = signal.WaitAsync(typeof(ModuleA), stop.Token);
        var second = signal.WaitAsync(typeof(ModuleA), stop.Token);

        signal.Notify(typeof(ModuleA));
        var woken = await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(5));
        var other = woken == first ? second : first;

        Assert.NotSame(other, await Task.WhenAny(other, Task.Delay(200)));
        signal.Notify(typeof(ModuleA));
        await other.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Notify_WhileNoLoopWaits_IsKeptForTheNextWaitButOnlyOnce()
    {
        var signal = new OutboxSignal();
        signal.Notify(typeof(ModuleA));
        signal.Notify(typeof(ModuleA));

        await signal.WaitAsync(typeof(ModuleA), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        using var stop = new CancellationTokenSource();
        var next = signal.WaitAsync(typeof(ModuleA), stop.Token);
        Assert.NotSame(next, await Task.WhenAny(next, Task.Delay(200)));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task Notify_OfOneModule_LeavesTheOthersAsleep_AndNotifyAllWakesEach()
    {
        var signal = new OutboxSignal();
        using var stop = new CancellationTokenSource();
        var a = signal.WaitAsync(typeof(ModuleA), stop.Token);
        var b = signal.WaitAsync(typeof(ModuleB), stop.Token);

        signal.Notify(typeof(ModuleB));
        await b.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotSame(a, await Task.WhenAny(a, Task.Delay(200)));

        var b2 = signal.WaitAsync(typeof(ModuleB), stop.Token);
        signal.Notify();
        await Task.WhenAll(a, b2).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Next_ObservesANotification_WithoutTakingTheLoopsWakeUp()
    {
        var signal = new OutboxSignal();
        var observed = signal.Next(typeof(ModuleA));

        signal.Notify(typeof(ModuleA));

        await observed.WaitAsync(TimeSpan.FromSeconds(5));
        await signal.WaitAsync(typeof(ModuleA), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
