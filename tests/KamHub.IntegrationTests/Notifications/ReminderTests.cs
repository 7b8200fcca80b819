using KamHub.Booking.Contracts;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Data;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>Reminders 24 h and 2 h before a departure, with the clock moved instead of waited for.</summary>
public sealed class ReminderTests : IDisposable
{
    // 2027-07-01 08:00 in Kamchatka.
    private static readonly DateTimeOffset Start = new(2027, 6, 30, 20, 0, 0, TimeSpan.Zero);
    private readonly NotificationsFactory _factory = new(start: Start.AddDays(-10));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Reminders_WhenTheClockReachesEachOffset_AreSentThenAndNotBefore()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");
        await _factory.SendDueAsync();
        var afterConfirmation = _factory.Sender.Messages.Count;

        _factory.Clock.SetUtcNow(Start.AddHours(-24).AddMinutes(-1));
        await _factory.SendDueAsync();
        Assert.Equal(afterConfirmation, _factory.Sender.Messages.Count);

        _factory.Clock.SetUtcNow(Start.AddHours(-24));
        await _factory.SendDueAsync();
        var dayBefore = _factory.Sender.Messages.Skip(afterConfirmation).ToList();
        Assert.Equal(2, dayBefore.Count);
        Assert.Contains(dayBefore, m => m.Recipient == "guest@example.com" && m.TextBody.Contains("через 24 ч", StringComparison.Ordinal));

        _factory.Clock.SetUtcNow(Start.AddHours(-2));
        await _factory.SendDueAsync();
        Assert.Equal(afterConfirmation + 4, _factory.Sender.Messages.Count);
        Assert.Empty(await _factory.DeliveriesAsync(q => q.Where(d => d.BookingId == booking.Id() && d.Status == DeliveryStatus.Queued)));
    }

    [Fact]
    public async Task Reminders_WhenTheDepartureIsRescheduled_MoveToTheNewStart()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");
        var departure = booking.GetProperty("departureId").GetGuid();
        var later = Start.AddDays(2);

        var moved = new DepartureRescheduled(departure, Guid.NewGuid(), Guid.NewGuid(), later, Start, "Asia/Kamchatka", _factory.Clock.GetUtcNow());
        await _factory.PublishAsync(departure.ToString(), moved);
        await _factory.PublishAsync(departure.ToString(), moved); // redelivered: changes nothing more

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count(d => d.Type == "reminder") == 8, "new reminders queued");
        var live = rows.Where(r => r.Type == "reminder" && r.Status == DeliveryStatus.Queued).ToList();
        Assert.Equal(4, live.Count);
        Assert.Equal([later.UtcDateTime.AddHours(-24), later.UtcDateTime.AddHours(-24), later.UtcDateTime.AddHours(-2), later.UtcDateTime.AddHours(-2)],
            live.Select(r => r.NotBefore).Order().ToList());
        Assert.Equal(4, rows.Count(r => r.Type == "reminder" && r.Status == DeliveryStatus.Cancelled));

        _factory.Clock.SetUtcNow(Start.AddHours(-1));
        await _factory.SendDueAsync();
        Assert.DoesNotContain(_factory.Sender.Messages, m => m.TextBody.Contains("через", StringComparison.Ordinal));
        Assert.Contains("3 июля 2027, 08:00", NotificationModelText(rows.First(r => r.Status == DeliveryStatus.Queued && r.Type == "reminder")));
    }

    [Fact]
    public async Task Reminders_WhenTheDepartureIsCancelled_AreDropped()
    {
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());
        await _factory.QueuedAsync(booking.Id(), r => r.Count == 7, "queued");
        var departure = booking.GetProperty("departureId").GetGuid();

        await _factory.PublishAsync(departure.ToString(), new DepartureCancelled(departure, Guid.NewGuid(), Guid.NewGuid(), "storm", _factory.Clock.GetUtcNow()));

        await _factory.QueuedAsync(booking.Id(), r => r.Where(d => d.Type == "reminder").All(d => d.Status == DeliveryStatus.Cancelled), "reminders dropped");
        _factory.Clock.SetUtcNow(Start.AddHours(-1));
        await _factory.SendDueAsync();
        Assert.DoesNotContain(_factory.Sender.Messages, m => m.TextBody.Contains("через", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_WhenConfirmedInsideTheLastDay_SkipTheOneAlreadyPast()
    {
        _factory.Clock.SetUtcNow(Start.AddHours(-10));
        var booking = await _factory.ConfirmedBookingAsync(_factory.Tourist());

        var rows = await _factory.QueuedAsync(booking.Id(), r => r.Count == 5, "confirmation, operator mail and the 2 h reminders");

        var reminders = rows.Where(r => r.Type == "reminder").ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(Start.UtcDateTime.AddHours(-2), r.NotBefore));
    }

    /// <summary>What the reminder will say about the start, rendered as the worker would.</summary>
    private string NotificationModelText(Delivery row)
    {
        var renderer = _factory.Services.GetRequiredService<KamHub.Notifications.Templates.TemplateRenderer>();
        var model = KamHub.Notifications.Templates.NotificationModel.FromJson(row.Model);
        return renderer.RenderAsync(row.Type, row.Channel, row.Language, model, TimeZoneInfo.FindSystemTimeZoneById(row.TimeZone)).GetAwaiter().GetResult().Text;
    }
}
