using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Core.Features;
using KamHub.Core.Security;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Flags;

/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class FlagAdminApiTests(FlagsFactory factory) : IClassFixture<FlagsFactory>
{
    private readonly FlagsFactory _factory = factory;

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "GET", "/api/admin/flags" },
        { "GET", "/api/admin/flags/booking.x" },
        { "PUT", "/api/admin/flags/booking.x" },
        { "DELETE", "/api/admin/flags/booking.x" },
        { "GET", "/api/admin/flags/booking.x/history" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminFlagEndpoint_WithoutToken_Is401Problem(string method, string path)
    {
        var response = await _factory.CreateClient().SendAsync(Request(method, path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminFlagEndpoint_AsOperator_Is403Problem_AndChangesNothing(string method, string path)
    {
        var response = await _factory.ClientAs(Roles.Operator).SendAsync(Request(method, path));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _factory.Admin().GetFromJsonAsync<JsonElement[]>("/api/admin/flags") ?? []);
    }

    [Fact]
    public async Task Put_CreatesThenChanges_AndListShowsNameEnabledPercent()
    {
        var created = await _factory.PutAsync("booking.instant-confirm", new { enabled = true, percent = 10, description = "Confirm without payment" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/admin/flags/booking.instant-confirm", created.Headers.Location?.ToString());

        var changed = await _factory.PutAsync("booking.instant-confirm", new { percent = 25.5 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await changed.JsonAsync();
        Assert.Equal(25.5, body.GetProperty("percent").GetDouble());
        Assert.True(body.GetProperty("enabled").GetBoolean()); // Kept: only the percentage was sent.
        Assert.Equal("Confirm without payment", body.GetProperty("description").GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());

        // The class shares one host: other tests' flags are in the lists too.
        var list = await _factory.Admin().GetFromJsonAsync<JsonElement[]>("/api/admin/flags");
        var flag = Assert.Single(list!, f => f.GetProperty("name").GetString() == "booking.instant-confirm");
        Assert.Equal("booking", flag.GetProperty("module").GetString());
        Assert.True(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal(25.5, flag.GetProperty("percent").GetDouble());

        var discovery = await _factory.Admin().GetFromJsonAsync<JsonElement[]>("/api/admin/flags?module=discovery") ?? [];
        Assert.DoesNotContain(discovery, f => f.GetProperty("name").GetString() == "booking.instant-confirm");
        Assert.All(discovery, f => Assert.Equal("discovery", f.GetProperty("module").GetString()));
        var booking = await _factory.Admin().GetFromJsonAsync<JsonElement[]>("/api/admin/flags?module=booking") ?? [];
        Assert.Single(booking, f => f.GetProperty("name").GetString() == "booking.instant-confirm");
        Assert.All(booking, f => Assert.Equal("booking", f.GetProperty("module").GetString()));
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "booking.x", """{"percent":101}""", "percent" },
        { "booking.x", """{"percent":-1}""", "percent" },
        { "booking.x", """{"percent":10.123}""", "percent" },
        { "Booking.X", """{"enabled":true}""", "name" },
        { "booking", """{"enabled":true}""", "name" },
        { "booking..x", """{"enabled":true}""", "name" },
        { "booking.x", """{"roles":["Pilot"]}""", "roles[0]" },
        { "booking.x", """{"users":["not-a-user"]}""", "users[0]" },
        { "booking.x", """{"groups":[{"name":"operator:1","percent":150}]}""", "groups[0].percent" },
        { "booking.x", """{"groups":[{"name":"role:Admin","percent":50}]}""", "groups[0].name" },
        { "booking.x", """{"groups":[{"name":"a","percent":5},{"name":"A","percent":6}]}""", "groups[1].name" },
        { "booking.x", """{"enabled":"yes"}""", "enabled" },
        { "booking.x", """{"enabeld":true}""", "enabeld" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Put_WithBadInput_Is400ProblemNamingTheField_AndCreatesNothing(string name, string json, string field)
    {
        var response = await _factory.Admin().PutAsync($"/api/admin/flags/{name}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Empty(await _factory.Admin().GetFromJsonAsync<JsonElement[]>("/api/admin/flags") ?? []);
    }

    [Fact]
    public async Task EveryChange_IsRecordedWithWhoWhenOldNew_AndPublishedAsFlagChanged()
    {
        const string name = "payments.split-pay";
        Assert.Equal(HttpStatusCode.Created, (await _factory.PutAsync(name, new { percent = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.PutAsync(name, new { percent = 30, roles = new[] { "operator" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.PutAsync(name, new { percent = 30 })).StatusCode); // Nothing differs: not a change.
        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Admin().DeleteAsync($"/api/admin/flags/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.Admin().GetAsync($"/api/admin/flags/{name}")).StatusCode);

        var history = await _factory.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/flags/{name}/history");
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["deleted", "updated", "created"], items.Select(i => i.GetProperty("change").GetString()));
        Assert.All(items, i => Assert.Contains("@test.kamhub.local", i.GetProperty("changedBy").GetString()!, StringComparison.Ordinal));
        Assert.All(items, i => Assert.InRange(i.GetProperty("changedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
        var update = items[1];
        Assert.Equal(10, update.GetProperty("old").GetProperty("percent").GetDouble());
        Assert.Empty(update.GetProperty("old").GetProperty("roles").EnumerateArray());
        Assert.Equal(30, update.GetProperty("new").GetProperty("percent").GetDouble());
        Assert.Equal(["Operator"], update.GetProperty("new").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("old").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("new").ValueKind);

        // The same three changes in the event history, in order, with the same old and new.
        var events = await _factory.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/events?types=flag.changed&module=flags&aggregateId={name}");
        var published = events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("payload")).ToList();
        Assert.Equal(["deleted", "updated", "created"], published.Select(p => p.GetProperty("change").GetString()));
        Assert.All(published, p => Assert.Equal(name, p.GetProperty("name").GetString()));
        Assert.Equal([3, 2, 1], published.Select(p => p.GetProperty("version").GetInt32()));
        Assert.Equal(30, published[1].GetProperty("new").GetProperty("percent").GetDouble());
        Assert.Equal(10, published[1].GetProperty("old").GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task History_PagesNewestFirstWithACursor_AndRefusesABadOne()
    {
        const string name = "booking.paged";
        for (var percent = 1; percent <= 5; percent++) Assert.True((await _factory.PutAsync(name, new { percent })).IsSuccessStatusCode);

        var first = await _factory.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/flags/{name}/history?limit=3");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await _factory.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/flags/{name}/history?limit=3&cursor={cursor}");
        var percents = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("new").GetProperty("percent").GetDouble());
        Assert.Equal([5.0, 4, 3, 2, 1], percents);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.Admin().GetAsync($"/api/admin/flags/{name}/history?cursor=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.Admin().GetAsync($"/api/admin/flags/{name}/history?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.Admin().GetAsync("/api/admin/flags/booking.never/history")).StatusCode);
    }

    [Fact]
    public async Task ConcurrentChanges_OfOneFlag_AllLand_AndTheHistoryChains()
    {
        const string name = "booking.contended";
        Assert.True((await _factory.PutAsync(name, new { percent = 0 })).IsSuccessStatusCode);
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(p => _factory.PutAsync(name, new { percent = p })));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));

        var items = (await _factory.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/flags/{name}/history?limit=50"))
            .GetProperty("items").EnumerateArray().Reverse().ToList();
        Assert.Equal(9, items.Count);
        // Each change's "old" is exactly the previous change's "new": no lost update.
        for (var i = 1; i < items.Count; i++)
            Assert.Equal(items[i - 1].GetProperty("new").GetProperty("percent").GetDouble(), items[i].GetProperty("old").GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task MeFlags_Anonymous_IssuesAVisitorKeyOnce_AndAnswersTheSameWithIt()
    {
        Assert.True((await _factory.PutAsync("discovery.half", new { percent = 50 })).IsSuccessStatusCode);
        Assert.True((await _factory.PutAsync("discovery.everyone", new { enabled = true })).IsSuccessStatusCode);
        Assert.True((await _factory.PutAsync("discovery.nobody", new { enabled = false })).IsSuccessStatusCode);
        var client = _factory.CreateClient();

        var first = await client.GetAsync("/api/me/flags");
        var key = first.Headers.GetValues("X-Visitor-Key").Single();
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"kamhub_visitor={key}", StringComparison.Ordinal));
        var answers = await first.JsonAsync();
        Assert.True(answers.GetProperty("discovery.everyone").GetBoolean());
        Assert.False(answers.GetProperty("discovery.nobody").GetBoolean());
        Assert.Equal(await _factory.Flags.IsEnabledAsync("discovery.half", FlagTarget.ForVisitor(key)), answers.GetProperty("discovery.half").GetBoolean());

        var again = await client.GetAsync("/api/me/flags"); // The cookie travels back: no new key.
        Assert.False(again.Headers.Contains("X-Visitor-Key"));
        Assert.Equal(answers.ToString(), (await again.JsonAsync()).ToString());

        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/me/flags");
        bad.Headers.Add("X-Visitor-Key", "no spaces allowed");
        var refused = await _factory.CreateClient().SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("X-Visitor-Key", out _));
    }

    [Fact]
    public async Task MeFlags_SignedIn_TargetsByUserRoleGroupAndExclusion()
    {
        var operatorOrg = Guid.NewGuid();
        var listed = Guid.NewGuid();
        var excluded = Guid.NewGuid();
        Assert.True((await _factory.PutAsync("booking.for-operators", new { roles = new[] { "Operator" } })).IsSuccessStatusCode);
        Assert.True((await _factory.PutAsync("booking.for-one-user", new { users = new[] { listed.ToString().ToUpperInvariant() } })).IsSuccessStatusCode);
        Assert.True((await _factory.PutAsync("booking.for-one-org", new { groups = new[] { new { name = $"operator:{operatorOrg}" } } })).IsSuccessStatusCode);
        Assert.True((await _factory.PutAsync("booking.all-but-one", new { percent = 100, excludedUsers = new[] { excluded.ToString() } })).IsSuccessStatusCode);

        var op = await Mine(_factory.ClientAs(Roles.Operator, operatorOrg));
        var otherOp = await Mine(_factory.ClientAs(Roles.Operator, Guid.NewGuid()));
        var tourist = await Mine(_factory.ClientAs(Roles.Tourist, userId: listed));
        var excludedTourist = await Mine(_factory.ClientAs(Roles.Tourist, userId: excluded));

        Assert.True(op["booking.for-operators"]);
        Assert.True(op["booking.for-one-org"]);
        Assert.True(otherOp["booking.for-operators"]);
        Assert.False(otherOp["booking.for-one-org"]);
        Assert.False(tourist["booking.for-operators"]);
        Assert.True(tourist["booking.for-one-user"]);
        Assert.False(op["booking.for-one-user"]);
        Assert.True(tourist["booking.all-but-one"]);
        Assert.False(excludedTourist["booking.all-but-one"]);
    }

    [Fact]
    public async Task IsEnabled_WithoutACaller_IsOnOnlyWhenOnForEveryone()
    {
        Assert.True((await _factory.PutAsync("notifications.all", new { enabled = true })).IsSuccessStatusCode);
        Assert.True((await _factory.PutAsync("notifications.most", new { percent = 99.99 })).IsSuccessStatusCode);

        Assert.True(await _factory.Flags.IsEnabledAsync("notifications.all"));
        Assert.False(await _factory.Flags.IsEnabledAsync("notifications.most"));
        Assert.False(await _factory.Flags.IsEnabledAsync("notifications.unknown"));
    }

    [Fact]
    public async Task Metrics_CountAnswersPerFlag_AndShowTheAgeOfTheDefinitions()
    {
        Assert.True((await _factory.PutAsync("discovery.counted", new { enabled = true })).IsSuccessStatusCode);
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++) Assert.True((await client.GetAsync("/api/me/flags")).IsSuccessStatusCode);

        var metrics = (await client.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains(metrics, l => l.StartsWith("kamhub_flags_evaluations_total{", StringComparison.Ordinal)
            && l.Contains("flag=\"discovery.counted\"", StringComparison.Ordinal) && l.Contains("enabled=\"true\"", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, @"\} 3( |$)"));
        Assert.Contains(metrics, l => l.StartsWith("kamhub_flags_read_age_seconds{", StringComparison.Ordinal));
    }

    private static async Task<Dictionary<string, bool>> Mine(HttpClient client) =>
        (await client.GetFromJsonAsync<Dictionary<string, bool>>("/api/me/flags"))!;

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT") request.Content = JsonContent.Create(new { enabled = true });
        return request;
    }
}
