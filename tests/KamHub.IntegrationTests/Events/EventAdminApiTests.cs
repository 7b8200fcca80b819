using KamHub.Events.TestModule;
using System.Net;
using System.Net.Http.Json;
using KamHub.Core.Security;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Events;

public sealed class EventAdminApiTests : IDisposable
{
    private readonly EventsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "GET", "/api/admin/events" },
        { "GET", "/api/admin/subscriptions" },
        { "POST", "/api/admin/subscriptions/test.all/replay" },
        { "GET", "/api/admin/dead-letters" },
        { "POST", "/api/admin/dead-letters/eventtests-1/retry" },
        { "DELETE", "/api/admin/dead-letters/eventtests-1" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminEndpoint_WithoutToken_Is401(string method, string path)
    {
        var response = await _factory.CreateClient().SendAsync(Request(method, path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminEndpoint_AsOperator_Is403(string method, string path)
    {
        var response = await _factory.ClientAs(Roles.Operator).SendAsync(Request(method, path));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Events_FilteredAndPaged_ReturnsNewestFirstWithEveryFieldAndAWorkingCursor()
    {
        for (var i = 1; i <= 5; i++) await _factory.PublishAsync("page-agg", new WidgetChanged(Guid.NewGuid(), i));
        await _factory.PublishAsync("other", new GadgetMade(Guid.NewGuid()));
        var admin = _factory.ClientAs(Roles.Admin);

        var first = await (await admin.GetAsync("/api/admin/events?types=widget.*&aggregateId=page-agg&limit=3")).JsonAsync();
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal([5, 4, 3], items.Select(e => e.GetProperty("payload").GetProperty("sequence").GetInt32()));
        var e0 = items[0];
        Assert.Equal("widget.changed", e0.GetProperty("type").GetString());
        Assert.Equal(1, e0.GetProperty("version").GetInt32());
        Assert.Equal("page-agg", e0.GetProperty("aggregateId").GetString());
        Assert.Equal("eventtests", e0.GetProperty("module").GetString());
        Assert.True(e0.GetProperty("position").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(e0.GetProperty("correlationId").GetString()));
        Assert.True(e0.TryGetProperty("occurredAt", out _));
        Assert.True(e0.TryGetProperty("causationId", out _));

        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await admin.GetAsync($"/api/admin/events?types=widget.*&aggregateId=page-agg&limit=3&cursor={cursor}")).JsonAsync();
        Assert.Equal([2, 1], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("payload").GetProperty("sequence").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var gadgets = await (await admin.GetAsync("/api/admin/events?types=gadget.made")).JsonAsync();
        Assert.Single(gadgets.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/admin/events?types=Not A Pattern", "types")]
    [InlineData("/api/admin/events?cursor=garbage!", "cursor")]
    [InlineData("/api/admin/events?limit=0", "limit")]
    [InlineData("/api/admin/events?module=nope", "module")]
    public async Task Events_WithBadInput_Is400NamingTheField(string path, string field)
    {
        var response = await _factory.ClientAs(Roles.Admin).GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Subscriptions_ListEverySubscriberWithPatternPositionAndLag()
    {
        await _factory.PublishAsync("s-1", new WidgetCreated(Guid.NewGuid(), 1));
        await FactoryWaitsForAsync(3);
        var body = await (await _factory.ClientAs(Roles.Admin).GetAsync("/api/admin/subscriptions")).JsonAsync();
        var all = body.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "test.all");
        Assert.Equal("*", all.GetProperty("pattern").GetString());
        Assert.Equal("eventtests", all.GetProperty("module").GetString());
        Assert.Equal(0, all.GetProperty("lagEvents").GetInt64());
        Assert.Equal(0, all.GetProperty("lagSeconds").GetDouble());
        Assert.Equal(0, all.GetProperty("deadLetters").GetInt32());
        Assert.Equal(0, all.GetProperty("parkedAggregateCount").GetInt32());
        Assert.True(all.GetProperty("positions").GetProperty("eventtests").GetInt64() >= 1);
    }

    [Fact]
    public async Task Replay_ThroughTheApi_QueuesDeliveriesForThatSubscriberOnly()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        await _factory.PublishAsync("api-replay", new WidgetCreated(Guid.NewGuid(), 1));
        await FactoryWaitsForAsync(3);
        var admin = _factory.ClientAs(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/admin/subscriptions/test.exact/replay", new { from, to = DateTimeOffset.UtcNow.AddSeconds(1) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("deliveries").GetInt32());
        Assert.Equal("test.exact", body.GetProperty("subscriber").GetString());
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.exact")).Count(e => e.Replay) == 1, "the replayed delivery handled");
        Assert.DoesNotContain(await _factory.EffectsAsync(), e => e.Replay && e.Subscriber != "test.exact");
    }

    [Fact]
    public async Task Replay_OfAnUnknownSubscriber_Is404_AndWithoutARange_Is400()
    {
        var admin = _factory.ClientAs(Roles.Admin);
        var unknown = await admin.PostAsJsonAsync("/api/admin/subscriptions/nobody/replay", new { from = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var noRange = await admin.PostAsJsonAsync("/api/admin/subscriptions/test.all/replay", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noRange.StatusCode);
        var unknownField = await admin.PostAsJsonAsync("/api/admin/subscriptions/test.all/replay", new { since = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
    }

    [Fact]
    public async Task DeadLetters_ListRetryAndDiscard_ThroughTheApi()
    {
        _factory.Control.Poisoned["test.exact/api-dead"] = true;
        await _factory.PublishAsync("api-dead", new WidgetCreated(Guid.NewGuid(), 1));
        var admin = _factory.ClientAs(Roles.Admin);
        System.Text.Json.JsonElement letter = default;
        await EventsFactory.EventuallyAsync(async () =>
        {
            var list = (await (await admin.GetAsync("/api/admin/dead-letters")).JsonAsync()).EnumerateArray().ToList();
            if (list.Count == 0) return false;
            letter = list[0];
            return true;
        }, "a dead letter listed");
        Assert.Equal("test.exact", letter.GetProperty("subscriber").GetString());
        Assert.Equal("widget.created", letter.GetProperty("eventType").GetString());
        Assert.Equal(EventsFactory.MaxAttempts, letter.GetProperty("attempts").GetInt32());
        Assert.Contains("poisoned", letter.GetProperty("lastError").GetString());
        var id = letter.GetProperty("id").GetString();

        _factory.Control.Poisoned.Clear();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/admin/dead-letters/{id}/retry", null)).StatusCode);
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync("test.exact")).Count == 1, "the retried delivery handled");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/admin/dead-letters/{id}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/admin/dead-letters/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/admin/dead-letters/not-an-id")).StatusCode);
    }

    private async Task FactoryWaitsForAsync(int effects) =>
        await EventsFactory.EventuallyAsync(async () => (await _factory.EffectsAsync()).Count >= effects, $"{effects} effects");

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST" && path.EndsWith("/replay", StringComparison.Ordinal))
            request.Content = JsonContent.Create(new { from = DateTimeOffset.UtcNow.AddHours(-1) });
        return request;
    }
}
