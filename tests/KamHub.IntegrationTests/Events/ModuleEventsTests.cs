using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Core.Data;
using KamHub.Core.Security;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Identity;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Events;

/// <summary>The modules that exist publish their events: Discovery tour.*, Identity user.registered; Discovery's cache listens.</summary>
public sealed class ModuleEventsTests : IClassFixture<ModuleEventsTests.Fixture>
{
    private readonly Fixture _fx;

    public ModuleEventsTests(Fixture fx) => _fx = fx;

    public sealed class Fixture : IAsyncLifetime
    {
        public KamHubFactory Factory { get; } = new KamHubFactory().With("KamHub:Cache:Enabled", "true").With("KamHub:Cache:DefaultTtlSeconds", "3600");

        public HttpClient Admin { get; private set; } = null!;

        public HttpClient Operator { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Admin = Factory.ClientAs(Roles.Admin);
            Operator = Factory.ClientAs(Roles.Operator, DemoOperators.Primary);
            return Task.CompletedTask;
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task TourLifecycle_PublishesEachTourEventWithTheRequestsCorrelationId_AndTheCacheSubscriberHandlesThem()
    {
        var tour = await Send(HttpMethod.Post, "/api/tours", DiscoveryApi.TourBody(), "corr-create");
        var id = tour.Id();
        await Send(HttpMethod.Put, $"/api/tours/{id}", DiscoveryApi.TourBody(change: b => b["maxGroupSize"] = 4), "corr-update");
        await Send(HttpMethod.Post, $"/api/tours/{id}/publish", null, "corr-publish");
        await Send(HttpMethod.Post, $"/api/tours/{id}/archive", null, "corr-archive");

        var events = (await (await _fx.Admin.GetAsync($"/api/admin/events?aggregateId={id}")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["tour.archived", "tour.published", "tour.updated", "tour.created"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["corr-archive", "corr-publish", "corr-update", "corr-create"], events.Select(e => e.GetProperty("correlationId").GetString()));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("payload").GetProperty("tourId").GetGuid()));
        Assert.All(events, e => Assert.Equal(DemoOperators.Primary, e.GetProperty("payload").GetProperty("operatorId").GetGuid()));
        Assert.All(events, e => Assert.Equal("discovery", e.GetProperty("module").GetString()));

        var position = await CacheSubscriberCaughtUpAsync();
        Assert.True(position >= events[0].GetProperty("position").GetInt64());
    }

    /// <summary>Waits until discovery.tour-cache has nothing left to handle; returns its position in Discovery's outbox.</summary>
    private async Task<long> CacheSubscriberCaughtUpAsync()
    {
        long position = 0;
        await EventsFactory.EventuallyAsync(async () =>
        {
            var subscriptions = await (await _fx.Admin.GetAsync("/api/admin/subscriptions")).JsonAsync();
            var cache = subscriptions.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "discovery.tour-cache");
            Assert.Equal("tour.*", cache.GetProperty("pattern").GetString());
            position = cache.GetProperty("positions").GetProperty("discovery").GetInt64();
            return cache.GetProperty("lagEvents").GetInt64() == 0;
        }, "the cache subscriber caught up");
        return position;
    }

    [Fact]
    public async Task CacheSubscriber_WhenItsEventsAreReplayed_DropsAStaleCachedTour()
    {
        var tour = await _fx.Operator.CreatePublishedAsync(DiscoveryApi.TourBody());
        var id = tour.Id();
        await CacheSubscriberCaughtUpAsync(); // its own invalidations of this tour are behind us, so the next read stays cached
        Assert.Equal(10, (await (await _fx.Factory.CreateClient().GetAsync($"/api/tours/{id}")).JsonAsync()).GetProperty("maxGroupSize").GetInt32());

        // A change the API never saw (as if the invalidation had been lost): the cached answer is stale now.
        await ChangeGroupSizeBehindTheApiAsync(id, 2);
        Assert.Equal(10, (await (await _fx.Factory.CreateClient().GetAsync($"/api/tours/{id}")).JsonAsync()).GetProperty("maxGroupSize").GetInt32());

        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        var replay = await _fx.Admin.PostAsJsonAsync("/api/admin/subscriptions/discovery.tour-cache/replay", new { from, to = DateTimeOffset.UtcNow.AddSeconds(1), types = "tour.published" });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await replay.JsonAsync()).GetProperty("deliveries").GetInt32() >= 1);

        await EventsFactory.EventuallyAsync(async () =>
            (await (await _fx.Factory.CreateClient().GetAsync($"/api/tours/{id}")).JsonAsync()).GetProperty("maxGroupSize").GetInt32() == 2,
            "the replayed invalidation dropped the stale entry");
    }

    [Fact]
    public async Task Register_AndAdminCreate_PublishUserRegistered_ButATakenEmailPublishesNothing()
    {
        var email = IdentityApi.NewEmail();
        var anonymous = _fx.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.RegisterAsync(email)).StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, (await anonymous.RegisterAsync(email)).StatusCode);
        var guideEmail = IdentityApi.NewEmail();
        var created = await _fx.Admin.PostAsJsonAsync("/api/admin/users", new { email = guideEmail, password = IdentityApi.Password, role = "guide" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var events = (await (await _fx.Admin.GetAsync("/api/admin/events?types=user.registered&limit=500")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var mine = events.Where(e => e.GetProperty("payload").GetProperty("email").GetString() is { } m && (m == email || m == guideEmail)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal("Tourist", mine.Single(e => e.GetProperty("payload").GetProperty("email").GetString() == email).GetProperty("payload").GetProperty("role").GetString());
        Assert.Equal("Guide", mine.Single(e => e.GetProperty("payload").GetProperty("email").GetString() == guideEmail).GetProperty("payload").GetProperty("role").GetString());
        Assert.All(mine, e => Assert.Equal("identity", e.GetProperty("module").GetString()));
        Assert.All(mine, e => Assert.Equal(e.GetProperty("aggregateId").GetString(), e.GetProperty("payload").GetProperty("userId").GetString()));
    }

    private async Task<JsonElement> Send(HttpMethod method, string path, object? body, string correlationId)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Correlation-ID", correlationId);
        var response = await _fx.Operator.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private async Task ChangeGroupSizeBehindTheApiAsync(Guid id, int size)
    {
        var database = _fx.Factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Find("Discovery")!;
        await using var scope = _fx.Factory.Services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var table = db.Database.IsSqlite() ? "\"discovery_tours\"" : "\"discovery\".\"tours\"";
        var sql = $"UPDATE {table} SET max_group_size = {size} WHERE id = {{0}}";
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sql, db.Database.IsSqlite() ? id.ToString().ToUpperInvariant() : id));
    }
}
