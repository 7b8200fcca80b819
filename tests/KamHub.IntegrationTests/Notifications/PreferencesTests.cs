using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>A user's own notification settings, and what they change in what gets queued.</summary>
/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class PreferencesTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private const string Url = "/api/me/notification-preferences";
    private readonly NotificationsFactory _factory = factory;

    [Fact]
    public async Task GetPreferences_WhenNeverSet_AnswersEverythingOn()
    {
        var body = await _factory.Tourist().GetJsonAsync(Url);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("language").ValueKind);
        foreach (var category in new[] { "transactional", "reminders", "marketing" })
        {
            foreach (var channel in new[] { "email", "sms", "push" })
                Assert.True(body.GetProperty("channels").GetProperty(category).GetProperty(channel).GetBoolean());
        }
    }

    [Fact]
    public async Task PutPreferences_ThenGet_AnswersWhatWasSaved()
    {
        var client = _factory.Tourist();

        var put = await client.PutAsJsonAsync(Url, new
        {
            language = "en",
            timeZone = "Europe/Moscow",
            phone = "+7 901 111-22-33",
            quietHours = new { start = "22:00", end = "08:00" },
            channels = new { reminders = new { sms = false }, marketing = new { email = false, push = false } },
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await client.GetJsonAsync(Url);
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.Equal("Europe/Moscow", body.GetProperty("timeZone").GetString());
        Assert.Equal("+79011112233", body.GetProperty("phone").GetString());
        Assert.Equal("22:00", body.GetProperty("quietHours").GetProperty("start").GetString());
        Assert.False(body.GetProperty("channels").GetProperty("reminders").GetProperty("sms").GetBoolean());
        Assert.True(body.GetProperty("channels").GetProperty("reminders").GetProperty("email").GetBoolean());
        Assert.False(body.GetProperty("channels").GetProperty("marketing").GetProperty("push").GetBoolean());
    }

    [Theory]
    [InlineData("""{"channels":{"transactional":{"email":false}}}""", "channels.transactional.email")]
    [InlineData("""{"channels":{"gossip":{"email":false}}}""", "channels.gossip")]
    [InlineData("""{"channels":{"reminders":{"pigeon":false}}}""", "channels.reminders.pigeon")]
    [InlineData("""{"language":"de"}""", "language")]
    [InlineData("""{"timeZone":"Mars/Olympus"}""", "timeZone")]
    [InlineData("""{"phone":"call me"}""", "phone")]
    [InlineData("""{"quietHours":{"start":"25:00","end":"08:00"}}""", "quietHours.start")]
    public async Task PutPreferences_WhenAFieldIsInvalid_Answers400ProblemNamingIt(string json, string field)
    {
        var response = await _factory.Tourist().PutAsync(Url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [Fact]
    public async Task PutPreferences_WhenTheBodyIsNotJson_Answers400Problem()
    {
        var response = await _factory.Tourist().PutAsync(Url, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Preferences_WhenNotSignedIn_Answer401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().PutAsJsonAsync(Url, new { language = "en" })).StatusCode);
    }

    [Fact]
    public async Task BookingConfirmed_WhenTheTouristHasQuietHours_DefersTheSmsToTheirEndButNotTheEmail()
    {
        // 23:00 in Kamchatka (UTC+12): inside a 22:00–08:00 window.
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 10, 11, 0, 0, TimeSpan.Zero));
        var userId = Guid.NewGuid();
        var tourist = _factory.ClientAs("Tourist", userId: userId);
        await tourist.PutAsJsonAsync(Url, new { quietHours = new { start = "22:00", end = "08:00" } });

        var booking = await _factory.ConfirmedBookingAsync(tourist);

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count(d => d.Type == "booking-confirmed") == 2, "confirmation queued");
        var email = Assert.Single(rows, r => r.Type == "booking-confirmed" && r.Channel == "email");
        var sms = Assert.Single(rows, r => r.Type == "booking-confirmed" && r.Channel == "sms");
        Assert.True(email.NotBefore <= _factory.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(new DateTime(2027, 3, 10, 20, 0, 0, DateTimeKind.Utc), sms.NotBefore); // 08:00 next morning, Kamchatka
    }

    [Fact]
    public async Task BookingConfirmed_WhenRemindersBySmsAreOffAndLanguageIsEnglish_QueuesEnglishEmailRemindersOnly()
    {
        var userId = Guid.NewGuid();
        var tourist = _factory.ClientAs("Tourist", userId: userId);
        await tourist.PutAsJsonAsync(Url, new { language = "en", channels = new { reminders = new { sms = false } } });

        var booking = await _factory.ConfirmedBookingAsync(tourist);

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count == 5, "confirmation, operator mail, e-mail reminders");
        Assert.All(rows.Where(r => r.Type == "reminder"), r => Assert.Equal("email", r.Channel));
        Assert.All(rows.Where(r => r.Recipient == "guest@example.com"), r => Assert.Equal("en", r.Language));
        await _factory.SendDueAsync();
        Assert.Contains(_factory.Sender.Messages, m => m.Recipient == "guest@example.com" && m.Subject!.StartsWith("Booking ", StringComparison.Ordinal)
            && m.TextBody.Contains("1 July 2027, 08:00", StringComparison.Ordinal));
    }
}
