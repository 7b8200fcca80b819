using KamHub.Core.Events;

namespace KamHub.Core.Tests.Events;

/// <summary>Which subscribers may share a transaction: only those whose handlers have been quick lately.</summary>
public sealed class HandlerPaceTests
{
    [Fact]
    public void IsQuick_WhenTheSubscriberWasNeverTimed_IsFalse()
    {
        Assert.False(new HandlerPace().IsQuick("never.seen"));
    }

    [Fact]
    public void IsQuick_AfterQuickChunks_IsTrue()
    {
        var pace = new HandlerPace();

        pace.Record("a", TimeSpan.FromMilliseconds(1));

        Assert.True(pace.IsQuick("a"));
        Assert.False(pace.IsQuick("b"));
    }

    [Fact]
    public void IsQuick_WhenAQuickSubscriberTurnsSlow_TurnsFalseAfterOneSlowChunk_AndBackAfterQuickOnes()
    {
        var pace = new HandlerPace();
        for (var i = 0; i < 10; i++) pace.Record("a", TimeSpan.FromMilliseconds(1));

        pace.Record("a", TimeSpan.FromMilliseconds(200));
        Assert.False(pace.IsQuick("a"));

        for (var i = 0; i < 10; i++) pace.Record("a", TimeSpan.FromMilliseconds(1));
        Assert.True(pace.IsQuick("a"));
    }
}
