using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Channels;
using KamHub.Notifications.Data;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>Pushes to the devices a tourist registered: which events send them, preferences, and tokens a provider calls gone.</summary>
public sealed class PushTriggerTests : IDisposable
{
    // 2027-07-01 08:00 in Kamchatka.
    private static readonly DateTimeOffset Start = new(2027, 6, 30, 20, 0, 0, TimeSpan.Zero);
    private const string AndroidToken = "fcm-token:android_1";
    private const string IphoneToken = "0a1b2c3d4e5f";
    private readonly NotificationsFactory _factory = new(start: Start.AddDays(-10));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task BookingConfirmed_WhenTheTouristHasTwoDevices_PushesTheConfirmationToEachOnItsPlatformAndQueuesPushReminders()
    {
        var tourist = await TouristWithDevicesAsync();

        var booking = await _factory.ConfirmedBookingAsync(tourist);

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count == 13, "7 as before plus 2 confirmation and 4 reminder pushes");
        var pushes = rows.Where(r => r.Channel == "push").ToList();
        Assert.Equal(2, pushes.Count(p => p.Type == "booking-confirmed"));
        Assert.Equal(4, pushes.Count(p => p.Type == "reminder"));
        await _factory.SendDueAsync();
        var reference = booking.GetProperty("reference").GetString()!;
        var android = Assert.Single(_factory.Sender.Messages, m => m.Recipient == AndroidToken);
        var iphone = Assert.Single(_factory.Sender.Messages, m => m.Recipient == IphoneToken);
        Assert.Equal(("fcm", "apns"), (android.Platform, iphone.Platform));
        Assert.Equal(NotificationChannel.Push, android.Channel);
        Assert.Contains(reference, android.Subject);
        Assert.Equal(booking.Id().ToString(), android.Data!["bookingId"]);
    }

    [Fact]
    public async Task BookingConfirmed_WhenPushRemindersAreOff_QueuesOnlyTheConfirmationPushes()
    {
        var tourist = await TouristWithDevicesAsync();
        (await tourist.PutAsJsonAsync("/api/me/notification-preferences", new { channels = new { reminders = new { push = false } } })).EnsureSuccessStatusCode();

        var booking = await _factory.ConfirmedBookingAsync(tourist);

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count == 9, "7 as before plus 2 confirmation pushes");
        Assert.DoesNotContain(rows, r => r.Channel == "push" && r.Type == "reminder");
    }

    [Fact]
    public async Task BookingCancelled_PushesToEachDeviceAndDropsThePushReminders()
    {
        var tourist = await TouristWithDevicesAsync();
        var booking = await _factory.ConfirmedBookingAsync(tourist);
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 13, "queued");

        (await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null)).EnsureSuccessStatusCode();

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count(d => d.Type == "booking-cancelled") == 3, "cancellation e-mail and two pushes");
        Assert.Equal(2, rows.Count(r => r.Type == "booking-cancelled" && r.Channel == "push"));
        Assert.All(rows.Where(r => r.Type == "reminder"), r => Assert.Equal(DeliveryStatus.Cancelled, r.Status));
    }

    [Fact]
    public async Task Send_WhenTheProviderSaysTheTokenIsUnregistered_DeactivatesTheDeviceAndSkipsItsLaterPushes()
    {
        var tourist = await TouristWithDevicesAsync();
        _factory.Sender.Answer = m => m.Recipient == AndroidToken
            ? new ChannelSendOutcome(false, "fcm", null, "fcm: HTTP 404: UNREGISTERED", false, [new ProviderAttempt("fcm", "UNREGISTERED")], RecipientGone: true)
            : RecordingChannelSender.Accept(m);
        var booking = await _factory.ConfirmedBookingAsync(tourist);
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 13, "queued");

        await _factory.SendDueAsync();

        var devices = (await tourist.GetJsonAsync(DeviceTests.Url)).EnumerateArray().ToList();
        Assert.False(devices.Single(d => d.GetProperty("token").GetString() == AndroidToken).GetProperty("active").GetBoolean());
        Assert.True(devices.Single(d => d.GetProperty("token").GetString() == IphoneToken).GetProperty("active").GetBoolean());
        var confirmation = Assert.Single(await _factory.DeliveriesOfBookingAsync(booking.Id()), d => d.Recipient == AndroidToken && d.Type == "booking-confirmed");
        Assert.Equal(DeliveryStatus.Dead, confirmation.Status);

        _factory.Clock.SetUtcNow(Start.AddHours(-2));
        await _factory.SendDueAsync();
        var reminders = (await _factory.DeliveriesOfBookingAsync(booking.Id())).Where(d => d.Type == "reminder" && d.Channel == "push").ToList();
        Assert.All(reminders.Where(r => r.Recipient == AndroidToken), r => Assert.Equal(DeliveryStatus.Skipped, r.Status));
        Assert.All(reminders.Where(r => r.Recipient == IphoneToken), r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.Single(_factory.Sender.Messages, m => m.Recipient == AndroidToken); // the one that came back unregistered
    }

    [Fact]
    public async Task Send_WhenTheDeviceWasRemovedAfterThePushWasQueued_SkipsIt()
    {
        var tourist = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var device = await DeviceTests.RegisterAsync(tourist, "fcm", AndroidToken);
        var booking = await _factory.ConfirmedBookingAsync(tourist);
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 10, "7 plus one confirmation and two reminder pushes");

        (await tourist.DeleteAsync($"{DeviceTests.Url}/{device.GetProperty("id").GetGuid()}")).EnsureSuccessStatusCode();
        await _factory.SendDueAsync();

        var push = Assert.Single(await _factory.DeliveriesOfBookingAsync(booking.Id()), d => d.Channel == "push" && d.Type == "booking-confirmed");
        Assert.Equal(DeliveryStatus.Skipped, push.Status);
        Assert.DoesNotContain(_factory.Sender.Messages, m => m.Recipient == AndroidToken);
    }

    private async Task<HttpClient> TouristWithDevicesAsync()
    {
        var tourist = _factory.ClientAs("Tourist", userId: Guid.NewGuid());
        await DeviceTests.RegisterAsync(tourist, "fcm", AndroidToken);
        await DeviceTests.RegisterAsync(tourist, "apns", IphoneToken);
        return tourist;
    }
}
