using KamHub.Core.Data;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

/// <summary>The real `kamhub events` executable against the database a running server uses.</summary>
public sealed class EventsCliTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EventsCommands_ListSubscriptionsDeadLettersRetryDiscardAndReplay_WorkAgainstTheDatabase()
    {
        var tour = await _factory.ClientAs("Operator", DemoOperators.Primary).CreateTourAsync(DiscoveryApi.TourBody());
        var deliveryId = await DeadLetterTheLatestDeliveryAsync();

        var list = await ProcessRunner.KamHubAsync(_factory.Database, "events", "list", "--types", "tour.*", "--json");
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains(tour.Id().ToString(), list.Output, StringComparison.Ordinal);
        Assert.Contains("\"nextCursor\"", list.Output, StringComparison.Ordinal);

        var subscriptions = await ProcessRunner.KamHubAsync(_factory.Database, "events", "subscriptions");
        Assert.True(subscriptions.ExitCode == 0, subscriptions.Output);
        Assert.Contains("discovery.tour-cache", subscriptions.Output, StringComparison.Ordinal);

        var dead = await ProcessRunner.KamHubAsync(_factory.Database, "events", "dead-letters", "--json");
        Assert.True(dead.ExitCode == 0, dead.Output);
        Assert.Contains("simulated failure", dead.Output, StringComparison.Ordinal);
        Assert.Contains($"discovery-{deliveryId}", dead.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await ProcessRunner.KamHubAsync(_factory.Database, "events", "retry", $"discovery-{deliveryId}")).ExitCode);
        Assert.Equal(1, (await ProcessRunner.KamHubAsync(_factory.Database, "events", "discard", $"discovery-{deliveryId}")).ExitCode);

        var replay = await ProcessRunner.KamHubAsync(_factory.Database, "events", "replay", "discovery.tour-cache",
            "--from", DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), "--to", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"), "--types", "tour.created");
        Assert.True(replay.ExitCode == 0, replay.Output);
        Assert.Contains("Queued 1 deliveries to discovery.tour-cache", replay.Output, StringComparison.Ordinal);

        var bad = await ProcessRunner.KamHubAsync(_factory.Database, "events", "list", "--types", "Not A Pattern");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("types:", bad.Output, StringComparison.Ordinal);
    }

    /// <summary>Turns the newest delivery into a dead letter, as if its handler had failed every attempt.</summary>
    private async Task<long> DeadLetterTheLatestDeliveryAsync()
    {
        var database = _factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Find("Discovery")!;
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var id = 0L;
        await EventsFactory.EventuallyAsync(async () =>
        {
            var latest = await db.Set<Core.Events.EventDelivery>().AsNoTracking().OrderByDescending(d => d.Id).FirstAsync();
            id = latest.Id;
            return latest.Status == "done";
        }, "the tour's delivery handled");
        await db.Set<Core.Events.EventDelivery>().Where(d => d.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, "dead").SetProperty(d => d.LastError, "simulated failure").SetProperty(d => d.Attempts, 8));
        return id;
    }
}
