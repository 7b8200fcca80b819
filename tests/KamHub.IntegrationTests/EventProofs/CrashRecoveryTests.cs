using Xunit.Abstractions;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.EventProofs;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Server_WhenKilledAtRandomMomentsWhilePublishingAndHandling_LosesNothingAndDoublesNothing()
    {
        using var database = TestDatabase.Create();
        var seed = Environment.TickCount;
        output.WriteLine($"random seed {seed}");
        var random = new Random(seed);
        var settings = ProofSettings.For("a", ProofSettings.TotalEvents, TimeSpan.FromSeconds(2));

        var kills = random.Next(3, 6);
        for (var i = 0; i < kills; i++)
        {
            using var host = TestHostProcess.Start(database, settings);
            var started = await Task.WhenAny(host.Started, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(started == host.Started, $"the host did not start:\n{host.Output}");
            var moment = TimeSpan.FromMilliseconds(random.Next(200, 2500));
            await Task.Delay(moment);
            output.WriteLine($"kill {i + 1}/{kills} at {moment.TotalMilliseconds} ms after start (exited by itself: {host.HasExited})");
            host.KillHard();
            var proofSoFar = new ProofDatabase(database);
            output.WriteLine($"  after the kill: {await proofSoFar.OrderCountAsync()} events committed, " +
                $"{await proofSoFar.HandledButNotDoneCountAsync()} deliveries handled but not marked done (to be absorbed by the inbox)");
        }

        using var last = TestHostProcess.Start(database, settings);
        Assert.True(await last.WaitForExitAsync(ProofSettings.RunLimit) && last.ExitCode == 0, last.Output);

        var proof = new ProofDatabase(database);
        var verdict = await ProofVerdict.ComputeAsync(proof);
        output.WriteLine($"{verdict.Orders} events, {verdict.Effects} effects");
        verdict.AssertExactlyOnceInOrder(ProofSettings.TotalEvents);
        Assert.Equal(verdict.Effects, await proof.InboxCountAsync());
        Assert.Equal(["done"], (await proof.DeliveryStatusesAsync()).Keys);
    }
}
