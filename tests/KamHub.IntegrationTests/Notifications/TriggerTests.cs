using KamHub.Booking.Contracts;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Data;
using KamHub.Payments.Contracts;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>What each booking and payment event queues, and that queuing happens once however often an event arrives.</summary>
public sealed class TriggerTests : IDisposable
{
    private readonly NotificationsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task BookingConfirmed_QueuesTouristEmailSmsOperatorEmailAndReminders()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "confirmation, operator mail and reminders queued");

        var confirmation = rows.Where(r => r.Type == "booking-confirmed").ToList();
        Assert.Contains(confirmation, r => r.Channel == "email" && r.Recipient == "guest@example.com");
        Assert.Contains(confirmation, r => r.Channel == "sms" && r.Recipient == "+79000000000");
        var operatorMail = Assert.Single(rows, r => r.Type == "booking-new");
        Assert.Equal("operator@demo.kamhub.local", operatorMail.Recipient);
        var reminders = rows.Where(r => r.Type == "reminder").ToList();
        Assert.Equal(4, reminders.Count); // 24 h and 2 h, e-mail and SMS
        var start = new DateTime(2027, 6, 30, 20, 0, 0, DateTimeKind.Utc); // 2027-07-01 08:00 in Kamchatka
        Assert.Equal([start.AddHours(-24), start.AddHours(-24), start.AddHours(-2), start.AddHours(-2)], reminders.Select(r => r.NotBefore).Order().ToList());
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Queued, r.Status));
    }

    [Fact]
    public async Task BookingConfirmed_WhenTheWorkerRuns_SendsTheConfirmationWithTheBookingReference()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");

        await _factory.SendDueAsync();

        var reference = booking.GetProperty("reference").GetString()!;
        var email = Assert.Single(_factory.Sender.Messages, m => m.Recipient == "guest@example.com");
        Assert.Contains(reference, email.Subject);
        Assert.Contains("1 июля 2027, 08:00", email.TextBody); // the departure's local time, Kamchatka
        Assert.Contains(reference, email.HtmlBody);
        Assert.Contains(_factory.Sender.Messages, m => m.Recipient == "+79000000000" && m.TextBody.Contains(reference, StringComparison.Ordinal));
        Assert.Contains(_factory.Sender.Messages, m => m.Recipient == "operator@demo.kamhub.local" && m.Subject!.Contains(reference, StringComparison.Ordinal));
        Assert.Equal(3, _factory.Sender.Messages.Count); // reminders wait for their time
        var sent = await _factory.DeliveriesAsync(q => q.Where(d => d.Status == DeliveryStatus.Sent));
        Assert.All(sent, d => Assert.Equal("test", d.Provider));
        Assert.All(sent, d => Assert.StartsWith("msg-", d.ProviderMessageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BookingConfirmed_WhenRedelivered_QueuesNothingMoreAndSendsOnce()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");
        await _factory.SendDueAsync();

        // The same event again, as a retried delivery or a replay would bring it.
        var again = new BookingConfirmed(booking.Id(), booking.GetProperty("departureId").GetGuid(), Guid.Empty, Guid.Empty, 2, 0, "RUB", _factory.Clock.GetUtcNow());
        await _factory.PublishAsync(booking.Id().ToString(), again);
        await _factory.PublishAsync(booking.Id().ToString(), again);
        var fence = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(fence.Id(), r => r.Count == 7, "a later event handled");
        await _factory.SendDueAsync();

        Assert.Equal(7, (await _factory.DeliveriesOfBookingAsync(booking.Id())).Count);
        Assert.Single(_factory.Sender.Messages, m => m.Recipient == "+79000000000" && m.TextBody.Contains(booking.GetProperty("reference").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BookingCancelled_QueuesTouristEmailWithRefundAndDropsReminders()
    {
        var tourist = _factory.Tourist();
        var booking = await _factory.ConfirmedBookingAsync(tourist);
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");

        var response = await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Any(d => d.Type == "booking-cancelled"), "cancellation mail queued");
        Assert.All(rows.Where(r => r.Type == "reminder"), r => Assert.Equal(DeliveryStatus.Cancelled, r.Status));
        await _factory.SendDueAsync();
        var mail = Assert.Single(_factory.Sender.Messages, m => m.Subject?.Contains("отменено", StringComparison.Ordinal) == true);
        Assert.Equal("guest@example.com", mail.Recipient);
        Assert.Contains("К возврату", mail.TextBody);
    }

    [Fact]
    public async Task BookingExpired_QueuesTouristEmail()
    {
        var tourist = _factory.Tourist();
        var departure = await _factory.DepartureAsync();
        var booking = await tourist.HoldAsync(departure);

        await _factory.PublishAsync(booking.Id().ToString(), new BookingExpired(booking.Id(), departure, 1, _factory.Clock.GetUtcNow()));

        var row = Assert.Single(await _factory.QueuedAsync(booking.Id(), r => r.Count == 1, "expiry mail queued"));
        Assert.Equal(("booking-expired", "email", "guest@example.com"), (row.Type, row.Channel, row.Recipient));
    }

    [Fact]
    public async Task PaymentRefunded_QueuesOneEmailPerRefund()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        var refund = new PaymentRefunded(Guid.NewGuid(), booking.Id(), Guid.NewGuid(), 250_000, "RUB", _factory.Clock.GetUtcNow());

        await _factory.PublishAsync(refund.PaymentId.ToString(), refund);
        await _factory.PublishAsync(refund.PaymentId.ToString(), refund);
        await _factory.PublishAsync(refund.PaymentId.ToString(), refund with { RefundId = Guid.NewGuid(), AmountMinor = 100_000 });

        await _factory.QueuedAsync(booking.Id(), r => r.Count(d => d.Type == "payment-refunded") == 2, "two refund mails");
        await _factory.SendDueAsync();
        Assert.Contains(_factory.Sender.Messages, m => m.TextBody.Contains("2\u00A0500,00 RUB", StringComparison.Ordinal));
        Assert.Contains(_factory.Sender.Messages, m => m.TextBody.Contains("1\u00A0000,00 RUB", StringComparison.Ordinal));
        Assert.Equal(2, (await _factory.DeliveriesOfBookingAsync(booking.Id())).Count(d => d.Type == "payment-refunded"));
    }
}
