using Xunit.Abstractions;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.EventProofs;

public sealed class MultiInstanceDeliveryTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task TwoServers_WhenTenThousandEventsArePublishedOnOnePostgres_HandleEveryEventOnceInEffectAndInOrder()
    {
        using var database = TestDatabase.Create();
        var half = ProofSettings.TotalEvents / 2;
        using var a = TestHostProcess.Start(database, ProofSettings.For("a", half, TimeSpan.FromSeconds(30)));
        using var b = TestHostProcess.Start(database, ProofSettings.For("b", ProofSettings.TotalEvents - half, TimeSpan.FromSeconds(30)));

        var exited = await Task.WhenAll(a.WaitForExitAsync(ProofSettings.RunLimit), b.WaitForExitAsync(ProofSettings.RunLimit));
        Assert.True(exited.All(x => x) && a.ExitCode == 0 && b.ExitCode == 0, $"instance a:\n{a.Output}\ninstance b:\n{b.Output}");

        var proof = new ProofDatabase(database);
        var verdict = await ProofVerdict.ComputeAsync(proof);
        verdict.AssertExactlyOnceInOrder(ProofSettings.TotalEvents);
        Assert.Equal(verdict.Effects, await proof.InboxCountAsync());
        Assert.Equal(["done"], (await proof.DeliveryStatusesAsync()).Keys);
        // Both servers delivered: the exactly-once result above held while they competed for the same deliveries.
        var byInstance = (await proof.EffectsAsync()).GroupBy(e => e.Instance).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{verdict.Orders} events, {verdict.Effects} effects: {string.Join(", ", byInstance.Select(kv => $"{kv.Value} by {kv.Key}"))}");
        Assert.Equal(["a", "b"], byInstance.Keys.Order());
    }
}
