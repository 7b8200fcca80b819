using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Data;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>Preferences changed after a message was queued still apply when the worker sends it.</summary>
public sealed class SendTimePreferencesTests : IDisposable
{
    private const string Url = "/api/me/notification-preferences";

    // 2027-07-01 08:00 in Kamchatka.
    private static readonly DateTimeOffset Start = new(2027, 6, 30, 20, 0, 0, TimeSpan.Zero);
    // 23:00 in Kamchatka (UTC+12): inside the 22:00–08:00 quiet hours one test sets.
    private static readonly DateTimeOffset Evening = new(2027, 3, 10, 11, 0, 0, TimeSpan.Zero);
    private readonly NotificationsFactory _factory = new(start: Evening);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Send_WhenTheTouristTurnedSmsRemindersOffAfterTheyWereQueued_SkipsThemAndStillSendsTheEmailOnes()
    {
        var tourist = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var booking = await _factory.ConfirmedBookingAsync(tourist);
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");
        await _factory.SendDueAsync();

        (await tourist.PutAsJsonAsync(Url, new { channels = new { reminders = new { sms = false } } })).EnsureSuccessStatusCode();
        _factory.Clock.SetUtcNow(Start.AddHours(-2));
        await _factory.SendDueAsync();

        var reminders = (await _factory.DeliveriesOfBookingAsync(booking.Id())).Where(d => d.Type == "reminder").ToList();
        Assert.All(reminders.Where(r => r.Channel == "sms"), r =>
        {
            Assert.Equal(DeliveryStatus.Skipped, r.Status);
            Assert.Contains("turned off", r.LastError);
        });
        Assert.All(reminders.Where(r => r.Channel == "email"), r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.DoesNotContain(_factory.Sender.Messages, m => m.Recipient == "+79000000000" && m.TextBody.Contains("начинается", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_WhenQuietHoursWereSetAfterTheSmsWasQueued_WaitsUntilTheyEndThenSends()
    {
        var tourist = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var booking = await _factory.ConfirmedBookingAsync(tourist);
        await _factory.QueuedAsync(booking.Id(), r => r.Count(d => d.Type == "booking-confirmed") == 2, "confirmation queued");

        (await tourist.PutAsJsonAsync(Url, new { quietHours = new { start = "22:00", end = "08:00" } })).EnsureSuccessStatusCode();
        await _factory.SendDueAsync();

        var morning = new DateTime(2027, 3, 10, 20, 0, 0, DateTimeKind.Utc); // 08:00 next day in Kamchatka
        var sms = await SmsAsync(booking.Id());
        Assert.Equal((DeliveryStatus.Queued, 0, morning), (sms.Status, sms.Attempts, sms.NotBefore));
        Assert.DoesNotContain(_factory.Sender.Messages, m => m.Recipient == "+79000000000");
        Assert.Contains(_factory.Sender.Messages, m => m.Recipient == "guest@example.com");

        _factory.Clock.SetUtcNow(morning);
        await _factory.SendDueAsync();

        Assert.Equal((DeliveryStatus.Sent, 1), ((await SmsAsync(booking.Id())).Status, (await SmsAsync(booking.Id())).Attempts));
        Assert.Single(_factory.Sender.Messages, m => m.Recipient == "+79000000000");
    }

    private async Task<Delivery> SmsAsync(Guid bookingId) =>
        Assert.Single(await _factory.DeliveriesOfBookingAsync(bookingId), d => d.Type == "booking-confirmed" && d.Channel == "sms");
}
