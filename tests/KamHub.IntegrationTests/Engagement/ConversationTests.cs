using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Core.Migrations;
using KamHub.Engagement.Conversations;
using KamHub.Engagement.Data;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>A booking's conversation between its tourist and the tour's operator (ADR 0019), on a held booking.</summary>
public sealed class ConversationTests : IDisposable
{
    private readonly BookingFactory _factory = new(start: EngagementApi.Start);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Conversation_BetweenTouristAndOperator_PagesCountsUnreadReceiptsAndNotifiesEachSideOncePerInterval()
    {
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var booking = (await tourist.HoldAsync(departure)).Id();
        var desk = _factory.Operator();

        var hello = await PostAsync(tourist, booking, "Do we need crampons?");
        Assert.Equal("customer", hello.GetProperty("senderParty").GetString());
        Assert.False(hello.GetProperty("readByOthers").GetBoolean());
        Assert.Equal(1, (await desk.GetJsonAsync($"/api/bookings/{booking}/messages")).GetProperty("unread").GetInt32());
        await PostAsync(desk, booking, "Yes, we lend them.");
        await PostAsync(desk, booking, "And poles.");

        // Newest first, one a page; the operator's answers count as read for it, unread for the tourist.
        var first = await tourist.GetJsonAsync($"/api/bookings/{booking}/messages?limit=2");
        Assert.Equal(["And poles.", "Yes, we lend them."], first.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(2, first.GetProperty("unread").GetInt32());
        var rest = await tourist.GetJsonAsync($"/api/bookings/{booking}/messages?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var oldest = Assert.Single(rest.GetProperty("items").EnumerateArray());
        Assert.True(oldest.GetProperty("readByOthers").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
        Assert.Equal(0, (await desk.GetJsonAsync($"/api/bookings/{booking}/messages")).GetProperty("unread").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await tourist.PostAsJsonAsync($"/api/bookings/{booking}/messages/read", new { })).StatusCode);
        var read = await tourist.GetJsonAsync($"/api/bookings/{booking}/messages");
        Assert.Equal(0, read.GetProperty("unread").GetInt32());
        Assert.All(read.GetProperty("items").EnumerateArray(), m => Assert.True(m.GetProperty("readByOthers").GetBoolean()));
        var mine = Assert.Single((await tourist.GetJsonAsync("/api/me/conversations")).EnumerateArray());
        Assert.Equal(booking, mine.GetProperty("bookingId").GetGuid());
        Assert.Equal(0, mine.GetProperty("unread").GetInt32());
        Assert.Equal(0, Assert.Single((await desk.GetJsonAsync("/api/me/conversations")).EnumerateArray(), c => c.GetProperty("bookingId").GetGuid() == booking)
            .GetProperty("unread").GetInt32());

        // A quarter of an hour later the tourist hears of the next answer again.
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await PostAsync(desk, booking, "See you at 8.");
        var notified = (await _factory.EventsAsync("message.posted", booking))
            .Select(e => string.Join(",", e.GetProperty("notify").EnumerateArray().Select(p => p.GetString()))).ToList();
        // Newest first: the burst's second answer notified nobody.
        Assert.Equal(["customer", "", "customer", "operator"], notified);
        await BookingApi.EventuallyAsync(async () =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            return await db.Deliveries.CountAsync(d => d.Type == "message-new" && d.Recipient == "guest@example.com" && d.Channel == "email") == 2;
        }, "two new-message e-mails to the tourist");
    }

    [Fact]
    public async Task Conversation_ForEveryRoleOutsideIt_IsUnreadableAndUnwritable()
    {
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.Tourist();
        var booking = (await tourist.HoldAsync(departure)).Id();
        await PostAsync(tourist, booking, "Hello");
        var url = $"/api/bookings/{booking}/messages";
        var body = new { text = "Let me in" };

        var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(url, body)).StatusCode);
        foreach (var outsider in new[] { _factory.Tourist(), _factory.ClientAs("Operator", Guid.NewGuid()) })
        {
            await DiscoveryApi.AssertProblemAsync(await outsider.GetAsync(url), HttpStatusCode.NotFound);
            await DiscoveryApi.AssertProblemAsync(await outsider.PostAsJsonAsync(url, body), HttpStatusCode.NotFound);
            await DiscoveryApi.AssertProblemAsync(await outsider.PostAsJsonAsync($"{url}/read", new { }), HttpStatusCode.NotFound);
            Assert.DoesNotContain(booking, (await outsider.GetJsonAsync("/api/me/conversations")).EnumerateArray().Select(c => c.GetProperty("bookingId").GetGuid()));
        }

        // Admins read (disputes) but neither write nor move read marks.
        var admin = _factory.Admin();
        Assert.Equal("Hello", (await admin.GetJsonAsync(url)).GetProperty("items")[0].GetProperty("text").GetString());
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsJsonAsync(url, body), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsJsonAsync($"{url}/read", new { }), HttpStatusCode.Forbidden);

        await DiscoveryApi.AssertProblemAsync(await tourist.PostAsJsonAsync(url, new { text = " " }), HttpStatusCode.BadRequest, "text");
        await DiscoveryApi.AssertProblemAsync(await tourist.GetAsync($"{url}?cursor=nope"), HttpStatusCode.BadRequest, "cursor");
        await DiscoveryApi.AssertProblemAsync(await tourist.GetAsync($"/api/bookings/{Guid.NewGuid()}/messages"), HttpStatusCode.NotFound);
        Assert.Single((await tourist.GetJsonAsync(url)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Conversation_PostStampedBeforeItsLastMessage_KeepsTheLastMessageOnTheNewestPage()
    {
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.Tourist();
        var booking = (await tourist.HoldAsync(departure)).Id();
        var desk = _factory.Operator();
        await tourist.GetJsonAsync($"/api/bookings/{booking}/messages");

        // Two instances whose clocks disagree by a minute (or two posts committing out of order): the second post is
        // stamped before the first. The list reads no further than the conversation's last message, which must stay the
        // greatest stamp, not the last one written.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await PostAsync(desk, booking, "Meet at the gate.");
        _factory.Clock.AdjustTime(_factory.Clock.GetUtcNow().AddMinutes(-1));
        await PostAsync(tourist, booking, "Which gate?");

        var page = await tourist.GetJsonAsync($"/api/bookings/{booking}/messages");
        Assert.Equal(["Which gate?", "Meet at the gate."], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(1, (await desk.GetJsonAsync($"/api/bookings/{booking}/messages")).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task LastMessageAtRepair_RaisesAConversationLeftBehindItsNewestMessage()
    {
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.Tourist();
        var booking = (await tourist.HoldAsync(departure)).Id();
        await PostAsync(tourist, booking, "First.");
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(tourist, booking, "Second.");
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var conversation = db.Conversations.Where(c => c.BookingId == booking);
        var first = await db.Messages.Where(m => m.BookingId == booking).MinAsync(m => m.CreatedAt);
        var newest = await db.Messages.Where(m => m.BookingId == booking).MaxAsync(m => m.CreatedAt);
        // What the old out-of-order update could leave behind: the newest message is past the conversation's mark.
        await conversation.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageAt, first));
        Assert.Single((await tourist.GetJsonAsync($"/api/bookings/{booking}/messages")).GetProperty("items").EnumerateArray());

        var migrator = scope.ServiceProvider.GetRequiredService<ModuleMigrator>();
        await migrator.DownAsync("engagement", "20261207050000_OperatorReviewsIndex");
        await migrator.UpAsync("engagement", null);

        Assert.Equal(newest, await conversation.AsNoTracking().Select(c => c.LastMessageAt).SingleAsync());
        Assert.Equal(2, (await tourist.GetJsonAsync($"/api/bookings/{booking}/messages")).GetProperty("items").GetArrayLength());
    }

    [PostgresFact]
    public async Task Partitions_OnPostgres_AreMadeOnDemandAheadAndDroppedPastTheRetention()
    {
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.Tourist();
        var booking = (await tourist.HoldAsync(departure)).Id();
        await using var scope = _factory.Services.CreateAsyncScope();
        var partitions = scope.ServiceProvider.GetRequiredService<MessagePartitions>();
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        await partitions.EnsureMonthsAsync(now.AddYears(-3), 0, CancellationToken.None);

        await PostAsync(tourist, booking, "June message");
        await partitions.EnsureMonthsAsync(now, 3, CancellationToken.None);
        var dropped = await partitions.DropOlderThanAsync(now, 12, CancellationToken.None);

        Assert.Equal([MessagePartitions.NameOf(new DateTime(now.Year - 3, now.Month, 1))], dropped);
        var left = await partitions.ListAsync(CancellationToken.None);
        Assert.Contains("messages_y2027m06", left);
        Assert.Contains("messages_y2027m09", left);
        Assert.Single((await tourist.GetJsonAsync($"/api/bookings/{booking}/messages")).GetProperty("items").EnumerateArray());
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, Guid bookingId, string text)
    {
        var response = await client.PostAsJsonAsync($"/api/bookings/{bookingId}/messages", new { text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}
