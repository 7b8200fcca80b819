using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>The admin delivery log and template preview: who may see them, filters, paging, bad input.</summary>
/// <remarks>One host for the class (<see cref="IClassFixture{TFixture}"/>): its tests use their own users and data.</remarks>
public sealed class AdminNotificationsTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private readonly NotificationsFactory _factory = factory;

    [Theory]
    [InlineData("/api/admin/notifications")]
    [InlineData("/api/admin/notifications/templates/booking-confirmed/preview?lang=en")]
    public async Task AdminEndpoints_WhenNotAdmin_Answer401Or403(string url)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.Tourist().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.Operator().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ListNotifications_ByRecipientAndStatus_PagesNewestFirst()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");
        await _factory.SendDueAsync();
        var admin = _factory.Admin();

        var first = await admin.GetJsonAsync("/api/admin/notifications?recipient=guest@example.com&limit=2");
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var second = await admin.GetJsonAsync($"/api/admin/notifications?recipient=guest@example.com&limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var all = items.Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(3, all.Count); // confirmation + two e-mail reminders
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.All(all, i => Assert.Equal("guest@example.com", i.GetProperty("recipient").GetString()));
        Assert.True(string.CompareOrdinal(all[0].GetProperty("id").GetString(), all[1].GetProperty("id").GetString()) > 0 || all[0].GetProperty("id").GetGuid().CompareTo(all[1].GetProperty("id").GetGuid()) > 0);

        var sent = await admin.GetJsonAsync("/api/admin/notifications?recipient=guest@example.com&status=sent");
        var row = Assert.Single(sent.GetProperty("items").EnumerateArray());
        Assert.Equal("booking-confirmed", row.GetProperty("type").GetString());
        Assert.Equal("test", row.GetProperty("provider").GetString());
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
    }

    [Theory]
    [InlineData("/api/admin/notifications?status=lost", "status")]
    [InlineData("/api/admin/notifications?cursor=nope", "cursor")]
    [InlineData("/api/admin/notifications?limit=0", "limit")]
    [InlineData("/api/admin/notifications/templates/booking-confirmed/preview?lang=de", "lang")]
    [InlineData("/api/admin/notifications/templates/booking-confirmed/preview?channel=fax", "channel")]
    public async Task AdminEndpoints_WhenAParameterIsInvalid_Answer400ProblemNamingIt(string url, string field)
    {
        var response = await _factory.Admin().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task PreviewTemplate_InEnglish_RendersSampleDataInKamchatkaTime()
    {
        var preview = await _factory.Admin().GetJsonAsync("/api/admin/notifications/templates/booking-confirmed/preview?lang=en");

        Assert.Equal("Booking KH-7QF3-M9XA is confirmed", preview.GetProperty("subject").GetString());
        Assert.Contains("2 July 2027, 02:30", preview.GetProperty("text").GetString());
        Assert.Contains("<strong>KH-7QF3-M9XA</strong>", preview.GetProperty("html").GetString());
    }

    [Fact]
    public async Task PreviewTemplate_SmsInRussian_RendersTheText()
    {
        var preview = await _factory.Admin().GetJsonAsync("/api/admin/notifications/templates/reminder/preview?lang=ru&channel=sms");

        Assert.Contains("2 июля 2027, 02:30", preview.GetProperty("text").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, preview.GetProperty("subject").ValueKind);
    }

    [Theory]
    [InlineData("/api/admin/notifications/templates/no-such/preview")]
    [InlineData("/api/admin/notifications/templates/booking-new/preview?channel=sms")]
    [InlineData("/api/admin/notifications/templates/..%2F..%2Fetc/preview")]
    public async Task PreviewTemplate_WhenThereIsNoSuchTemplate_Answers404Problem(string url)
    {
        var response = await _factory.Admin().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
