using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Core.Security;
using KamHub.Discovery.Contracts;
using KamHub.Engagement.Conversations;
using KamHub.Engagement.Conversations.Live;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.Identity.Contracts;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Data;
using KamHub.Partners.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>
/// GET /api/bookings/{id}/messages/live (ADR 0024) on a real Kestrel on loopback: the in-memory test server does not
/// hand a streaming response to the client as it is written, so the stream is read here as a browser reads it. The keep-
/// alive is long (10 min on the fake clock), so every event a test sees was caused by what the test did.
/// </summary>
public sealed class LiveConversationTests(LiveConversationTests.KestrelHost host) : IClassFixture<LiveConversationTests.KestrelHost>
{
    private const int StreamsPerUser = 2;
    private const int StreamsPerInstance = 5;

    private readonly BookingFactory _factory = host.Factory;

    /// <summary>One Kestrel host for the class: the tests use bookings and users of their own.</summary>
    public sealed class KestrelHost : IAsyncLifetime
    {
        public KestrelHost()
        {
            Factory.With("KamHub:Engagement:LiveKeepAlive", "00:10:00").With("KamHub:Engagement:LiveStreamsPerUser", $"{StreamsPerUser}")
                .With("KamHub:Engagement:LiveStreamsPerInstance", $"{StreamsPerInstance}");
            Factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        }

        public BookingFactory Factory { get; } = new(start: EngagementApi.Start);

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Fact]
    public async Task Stream_SendsTheOtherSidesMessagesAndReadMarks_AndReplaysWhatAReconnectMissed()
    {
        var (tourist, desk, booking) = await ConversationAsync();
        var hello = await PostAsync(tourist, booking, "Is there parking at the meeting point?");
        using var bound = Bound();

        Guid answerId;
        await using (var stream = await OpenAsync(tourist, booking, bound.Token))
        {
            var start = await stream.NextOfAsync("read");
            Assert.Equal(0, start!.Json.GetProperty("unread").GetInt32());
            Assert.Equal(JsonValueKind.Null, start.Json.GetProperty("readUpTo").GetProperty("operator").ValueKind);

            // The operator reads the question: the tourist's page shows the receipt.
            Assert.Equal(HttpStatusCode.NoContent, (await desk.PostAsJsonAsync($"/api/bookings/{booking}/messages/read", new { })).StatusCode);
            var receipt = await stream.NextOfAsync("read");
            Assert.Equal(hello, receipt!.Json.GetProperty("readUpTo").GetProperty("operator").GetGuid());

            answerId = await PostAsync(desk, booking, "Yes, free parking.");
            var answer = await stream.NextOfAsync("message");
            Assert.Equal(answerId.ToString(), answer!.Id);
            Assert.Equal("Yes, free parking.", answer.Json.GetProperty("text").GetString());
            Assert.Equal("operator", answer.Json.GetProperty("senderParty").GetString());
            Assert.Equal(1, (await stream.NextOfAsync("read"))!.Json.GetProperty("unread").GetInt32());
        }

        // Written while the page was away: a reconnect with Last-Event-ID gets it, and not what it had.
        var missed = await PostAsync(desk, booking, "Bring cash for the ferry.");
        await using var resumed = await OpenAsync(tourist, booking, bound.Token, lastEventId: answerId);
        var replayed = await resumed.NextOfAsync("message");
        Assert.Equal(missed.ToString(), replayed!.Id);
        Assert.Equal("Bring cash for the ferry.", replayed.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Stream_ForOutsiders_IsRefusedWithoutOpening_AndEachUserHoldsAtMostTheLimit()
    {
        var (_, _, booking) = await ConversationAsync();
        var url = $"/api/bookings/{booking}/messages/live";
        using var bound = Bound();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync(url, HttpCompletionOption.ResponseHeadersRead, bound.Token)).StatusCode);
        foreach (var outsider in new[] { _factory.Tourist(), _factory.ClientAs("Operator", Guid.NewGuid()), _factory.ClientAs("Guide") })
            await DiscoveryApi.AssertProblemAsync(await outsider.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, bound.Token), HttpStatusCode.NotFound);

        var userId = Guid.NewGuid();
        var owner = _factory.ClientAs("Tourist", userId: userId);
        var holder = await owner.HoldAsync(await _factory.DepartureAsync());
        var own = holder.Id();
        var streams = new List<SseReader>();
        for (var i = 0; i < StreamsPerUser; i++) streams.Add(await OpenAsync(owner, own, bound.Token));
        var refused = await owner.GetAsync($"/api/bookings/{own}/messages/live", HttpCompletionOption.ResponseHeadersRead, bound.Token);
        await DiscoveryApi.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // A closed page gives its slot back.
        await streams[0].DisposeAsync();
        var slots = _factory.Services.GetRequiredService<LiveStreamSlots>();
        await BookingApi.EventuallyAsync(() => Task.FromResult(slots.OpenBy(userId) < StreamsPerUser), "the closed stream's slot came back");
        await using var again = await OpenAsync(owner, own, bound.Token);
        Assert.Equal("ping", (await again.NextAsync())!.Type);
        await streams[1].DisposeAsync();
    }

    [Fact]
    public async Task Stream_BeyondTheInstancesLimit_IsRefusedToAUserUnderTheirOwn_AndClosedOnesFreeTheirSlots()
    {
        var (tourist, desk, booking) = await ConversationAsync();
        var slots = _factory.Services.GetRequiredService<LiveStreamSlots>();
        // Streams an earlier test closed give their slots back when their responses end.
        await BookingApi.EventuallyAsync(() => Task.FromResult(slots.Open == 0), "no stream open on the instance");
        using var bound = Bound();
        var admin = _factory.Admin();
        var streams = new List<SseReader>();
        foreach (var client in new[] { tourist, tourist, desk, desk, admin }) streams.Add(await OpenAsync(client, booking, bound.Token));

        // The admin holds one stream of the two a user may, but the instance holds its five.
        var refused = await admin.GetAsync($"/api/bookings/{booking}/messages/live", HttpCompletionOption.ResponseHeadersRead, bound.Token);
        await DiscoveryApi.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("This server holds", await refused.Content.ReadAsStringAsync(bound.Token));

        // Closed pages give the instance's slots back (and the next test starts with them free).
        foreach (var stream in streams) await stream.DisposeAsync();
        await BookingApi.EventuallyAsync(() => Task.FromResult(slots.Open == 0), "every stream's slot came back");
    }

    [Fact]
    public async Task Stream_EndsWhenTheTokenThatOpenedItExpires()
    {
        var (_, _, booking) = await ConversationAsync();
        var customerId = await CustomerOfAsync(booking);
        var jwt = _factory.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
        var shortLived = new AccessTokens(_factory.Services.GetRequiredService<SigningKeyProvider>(),
            Options.Create(new JwtOptions { Issuer = jwt.Issuer, Audience = jwt.Audience, AccessTokenMinutes = 5, RefreshTokenDays = 1 }), _factory.Clock);
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            shortLived.Issue(customerId, "guest@example.com", [Roles.Tourist], null).Token);
        using var bound = Bound();
        await using var stream = await OpenAsync(client, booking, bound.Token);
        Assert.NotNull(await stream.NextOfAsync("read"));

        _factory.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("expired", (await stream.NextAsync())!.Type);
        Assert.Null(await stream.NextAsync());
    }

    [Fact]
    public async Task Stream_HearsOfAnotherInstancesWrite_ThroughTheOutboxFeed()
    {
        var (tourist, _, booking) = await ConversationAsync();
        using var bound = Bound();
        await using var stream = await OpenAsync(tourist, booking, bound.Token);
        Assert.NotNull(await stream.NextOfAsync("read"));

        // Another instance: the same database, its own signals, so nothing on this instance is woken by the write.
        Guid written;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ConversationStore>();
            var desk = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(KamHubClaims.UserId, Guid.NewGuid().ToString()), new(KamHubClaims.Role, Roles.Operator), new(KamHubClaims.OperatorId, DemoOperators.Primary.ToString())],
                "test", KamHubClaims.Email, KamHubClaims.Role));
            var conversation = await store.OpenAsync(booking, desk, CancellationToken.None);
            var elsewhere = ActivatorUtilities.CreateInstance<MessagePosting>(scope.ServiceProvider, new ConversationSignals());
            written = (await elsewhere.PostAsync(conversation!, "operator", Guid.NewGuid(), "Written on instance B", CancellationToken.None)).Id;
        }

        // The feed runs every LiveFeedInterval (1 s) of the fake clock; the stream's own keep-alive (10 min) is never reached.
        var next = stream.NextOfAsync("message");
        for (var tick = 0; tick < 60 && !next.IsCompleted; tick++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(next, Task.Delay(50, bound.Token));
        }

        Assert.True(next.IsCompleted, "the feed did not wake the stream within 60 feed intervals");
        Assert.Equal(written.ToString(), (await next)!.Id);
    }

    [Fact]
    public async Task Guide_OfTheDeparture_ReadsPostsAndIsEmailedOncePerInterval_UntilTheAssignmentIsCancelled()
    {
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.Tourist();
        var booking = (await tourist.HoldAsync(departure)).Id();
        await PostAsync(tourist, booking, "Who guides us?");
        var person = (await _factory.Services.GetRequiredService<IUserDirectory>().FindByEmailAsync("guide@demo.kamhub.local", CancellationToken.None))!;
        var guide = _factory.ClientAs("Guide", userId: person.UserId);
        var url = $"/api/bookings/{booking}/messages";
        await DiscoveryApi.AssertProblemAsync(await guide.GetAsync(url), HttpStatusCode.NotFound);

        var assignment = Guid.NewGuid();
        var startsAt = new DateTimeOffset(2027, 6, 30, 20, 0, 0, TimeSpan.Zero);
        await _factory.PublishAsync(assignment.ToString(), new AssignmentCreated(assignment, departure, Guid.NewGuid(), DemoOperators.Primary, person.UserId,
            AssignmentRoles.Guide, startsAt, "Asia/Kamchatka", _factory.Clock.GetUtcNow()));
        await BookingApi.EventuallyAsync(async () => (await guide.GetAsync(url)).StatusCode == HttpStatusCode.OK, "the assigned guide reads the conversation");
        Assert.Equal("Who guides us?", (await guide.GetJsonAsync(url)).GetProperty("items")[0].GetProperty("text").GetString());

        // The guide's side is told of the tourist's next message (the operator's side was told a moment ago), once per interval.
        await PostAsync(tourist, booking, "Do we need boots?");
        await PostAsync(tourist, booking, "And gloves?");
        var told = (await _factory.EventsAsync("message.posted", booking)).Select(e => string.Join(",", e.GetProperty("notify").EnumerateArray().Select(p => p.GetString())));
        Assert.Equal(["", "guide", "operator"], told);
        await BookingApi.EventuallyAsync(async () =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            return await db.Deliveries.CountAsync(d => d.Type == "message-new" && d.Recipient == person.Email && d.Channel == "email") == 1;
        }, "a new-message e-mail to the guide");

        var reply = await guide.PostAsJsonAsync(url, new { text = "I am, see you at 8." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Equal("guide", (await reply.JsonAsync()).GetProperty("senderParty").GetString());
        Assert.Equal(1, (await tourist.GetJsonAsync(url)).GetProperty("unread").GetInt32());
        await DiscoveryApi.AssertProblemAsync(await _factory.ClientAs("Guide").GetAsync(url), HttpStatusCode.NotFound);

        await _factory.PublishAsync(assignment.ToString(), new AssignmentCancelled(assignment, departure, Guid.NewGuid(), DemoOperators.Primary, person.UserId,
            AssignmentRoles.Guide, "reassigned", startsAt, "Asia/Kamchatka", _factory.Clock.GetUtcNow()));
        await BookingApi.EventuallyAsync(async () => (await guide.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, "the guide taken off the trip is out");
        await DiscoveryApi.AssertProblemAsync(await guide.PostAsJsonAsync(url, new { text = "Still here?" }), HttpStatusCode.NotFound);
    }

    private async Task<(HttpClient Tourist, HttpClient Desk, Guid Booking)> ConversationAsync()
    {
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.Tourist();
        var booking = (await tourist.HoldAsync(departure)).Id();
        return (tourist, _factory.Operator(), booking);
    }

    private async Task<Guid> CustomerOfAsync(Guid booking)
    {
        var bookings = _factory.Services.GetRequiredService<KamHub.Booking.Contracts.IBookingDirectory>();
        return (await bookings.FindAsync(booking, CancellationToken.None))!.CustomerId;
    }

    /// <summary>Guards every read: a stream that never sends fails the test rather than hanging it.</summary>
    private static CancellationTokenSource Bound() => new(TimeSpan.FromSeconds(30));

    private static async Task<SseReader> OpenAsync(HttpClient client, Guid booking, CancellationToken ct, Guid? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/bookings/{booking}/messages/live");
        if (lastEventId is { } last) request.Headers.Add("Last-Event-ID", last.ToString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.OK) Assert.Fail($"{response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await SseReader.OpenAsync(response, ct);
    }

    internal static async Task<Guid> PostAsync(HttpClient client, Guid booking, string text)
    {
        var response = await client.PostAsJsonAsync($"/api/bookings/{booking}/messages", new { text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}
