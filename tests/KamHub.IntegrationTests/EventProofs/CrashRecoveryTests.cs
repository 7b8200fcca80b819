using KamHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace KamHub.IntegrationTests.EventProofs;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Server_WhenKilledAtRandomMomentsWhilePublishingAndHandling_LosesNothingAndDoublesNothing()
    {
        using var database = TestDatabase.Create();
        var proof = new ProofDatabase(database);
        var seed = Environment.TickCount;
        output.WriteLine($"random seed {seed}");
        var random = new Random(seed);
        var settings = ProofSettings.For("a", ProofSettings.TotalEvents, TimeSpan.FromSeconds(2));

        // Kill moments are chosen by progress, not by the clock, so they land in real work however slow the machine:
        // while publishing (a random committed count) and, last, while only handling is left.
        var kills = random.Next(3, 6);
        var targets = Enumerable.Range(0, kills - 1).Select(_ => random.Next(300, ProofSettings.TotalEvents - 300)).Order().ToList();
        targets.Add(ProofSettings.TotalEvents);
        foreach (var target in targets)
        {
            using var host = TestHostProcess.Start(database, settings);
            var started = await Task.WhenAny(host.Started, Task.Delay(ProofSettings.RunLimit));
            Assert.True(started == host.Started, $"the host did not start:\n{host.Output}");
            var reached = await WaitForAsync(async () => host.HasExited || await proof.OrderCountAsync() >= target);
            Assert.True(reached, $"the host did not reach {target} events:\n{host.Output}");
            await Task.Delay(random.Next(0, 300));
            if (host.HasExited)
            {
                // Only possible at the last target: everything was handled before the kill came.
                Assert.True(host.ExitCode == 0, host.Output);
                output.WriteLine($"finished by itself before the kill at {target}");
                continue;
            }

            host.KillHard();
            output.WriteLine($"killed at {await proof.OrderCountAsync()} events committed (aimed at {target}): " +
                $"{await proof.HandledButNotDoneCountAsync()} deliveries handled but not marked done, {await proof.PendingCountAsync()} pending");
        }

        using var last = TestHostProcess.Start(database, settings);
        Assert.True(await last.WaitForExitAsync(ProofSettings.RunLimit) && last.ExitCode == 0, last.Output);

        var verdict = await ProofVerdict.ComputeAsync(proof);
        output.WriteLine($"{verdict.Orders} events, {verdict.Effects} effects");
        verdict.AssertExactlyOnceInOrder(ProofSettings.TotalEvents);
        Assert.Equal(verdict.Effects, await proof.InboxCountAsync());
        Assert.Equal(["done"], (await proof.DeliveryStatusesAsync()).Keys);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false after the run limit (a bound, not a timing assertion).</summary>
    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + ProofSettings.RunLimit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException)
            {
                // The host has not created its tables yet.
            }

            await Task.Delay(50);
        }

        return false;
    }
}
