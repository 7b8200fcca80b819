using KamHub.Core.Time;

namespace KamHub.Core.Tests.Time;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Fact]
    public void After_EachAttempt_WaitsAboutTwiceAsLongWithinTheJitterBand()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var nominal = Math.Pow(2, attempt - 1);
            var delays = Enumerable.Range(0, 200).Select(_ => RetryBackoff.After(attempt, Base, Max).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, nominal * 0.5, nominal * 1.5));
            Assert.True(delays.Distinct().Count() > 1, "jitter spreads retries");
        }
    }

    [Fact]
    public void After_ManyAttempts_NeverExceedsTheMaximum() =>
        Assert.All(Enumerable.Range(1, 100), attempt => Assert.True(RetryBackoff.After(attempt, Base, Max) <= Max));
}
