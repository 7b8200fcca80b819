using System.Text.Json;
using KamHub.Core.Events;
using KamHub.Events.TestModule;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Channels;
using KamHub.Notifications.Data;
using KamHub.Notifications.Partitions;
using KamHub.Notifications.Queue;
using KamHub.Notifications.Templates;
using KamHub.Payments.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>
/// A KamHub host with a movable clock, a recording channel sender and the background worker off: tests run worker
/// rounds themselves (<see cref="SendDueAsync"/>), so what is sent when is decided by the test, not by timing.
/// </summary>
public sealed class NotificationsFactory : KamHubFactory
{
    private readonly bool _realChannels;

    /// <summary>The one public constructor: <see cref="IClassFixture{TFixture}"/> wants exactly one, without parameters.</summary>
    public NotificationsFactory()
        : this(start: null)
    {
    }

    /// <param name="realChannels">Keep KamHub's channel sender and providers (configured with <see cref="KamHubFactory.With"/>) instead of the recording one.</param>
    internal NotificationsFactory(DateTimeOffset? start = null, bool realChannels = false)
    {
        _realChannels = realChannels;
        Clock = new FakeTimeProvider(start ?? DateTimeOffset.UtcNow);
        With("KamHub:Booking:SweepInterval", "01:00:00");
        With("KamHub:Jwt:AccessTokenMinutes", "2000000");
        With("KamHub:Events:PollInterval", "00:00:00.200");
        With("KamHub:Events:RetryBaseDelay", "00:00:00.020");
        With("KamHub:Notifications:WorkerEnabled", "false");
        With("KamHub:Notifications:RetryBaseDelay", "00:01:00");
        With("KamHub:Notifications:MaxAttempts", "3");
    }

    public FakeTimeProvider Clock { get; }

    internal RecordingChannelSender Sender { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices((context, services) => services.AddTestEventsModule(context.Configuration));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (!_realChannels) services.AddSingleton<IChannelSender>(Sender);
        });
    }

    /// <summary>Publishes through the bus from the test module's outbox, as Booking or Payments would.</summary>
    public async Task PublishAsync<TEvent>(string aggregateId, TEvent payload) where TEvent : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
        scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(db, aggregateId, payload);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Runs the delivery log maintenance now, on the test's clock: on PostgreSQL the partition for a clock set months
    /// ahead must exist before rows are written (the background run at start may not have finished yet).
    /// </summary>
    internal async Task EnsureLogMonthsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryLogRetention>().RunAsync(CancellationToken.None);
    }

    /// <summary>Worker rounds until nothing due is left; returns how many rows were claimed.</summary>
    internal async Task<int> SendDueAsync()
    {
        var dispatcher = Services.GetRequiredService<DeliveryDispatcher>();
        var total = 0;
        int claimed;
        while ((claimed = await dispatcher.RunOnceAsync(CancellationToken.None)) > 0) total += claimed;
        return total;
    }

    /// <summary>Queues one transactional e-mail the way a trigger does, in its own transaction; returns its delivery id.</summary>
    internal async Task<Guid> QueueEmailAsync(string recipient, string key, string type = "booking-expired", DateTime? notBefore = null)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<NotificationQueue>().EnqueueAsync(new QueuedNotification(type, ChannelNames.Email,
                NotificationCategory.Transactional, recipient, null, key, SampleModels.For(type), "ru", "Asia/Kamchatka",
                notBefore ?? Clock.GetUtcNow().UtcDateTime), CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        return (await DeliveriesAsync(q => q.Where(d => d.Recipient == recipient && d.NotificationKey == key))).Single().Id;
    }

    internal async Task<List<Delivery>> DeliveriesAsync(Func<IQueryable<Delivery>, IQueryable<Delivery>>? filter = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var rows = filter is null ? db.Deliveries.AsNoTracking() : filter(db.Deliveries.AsNoTracking());
        return (await rows.ToListAsync()).OrderBy(d => d.Id).ToList();
    }

    internal async Task<List<Delivery>> DeliveriesOfBookingAsync(Guid bookingId) => await DeliveriesAsync(q => q.Where(d => d.BookingId == bookingId));

    /// <summary>A confirmed booking: departure, hold, payment.succeeded through the bus, then Booking's confirmation.</summary>
    public async Task<JsonElement> ConfirmedBookingAsync(HttpClient tourist, string startsAt = "2027-07-01T08:00", string timeZone = "Asia/Kamchatka")
    {
        await EnsureLogMonthsAsync();
        var departure = await this.DepartureAsync(capacity: 10, startsAt: startsAt, timeZone: timeZone);
        var booking = await tourist.HoldAsync(departure, adults: 2);
        var paymentId = Guid.NewGuid();
        await PublishAsync(paymentId.ToString(), new PaymentSucceeded(paymentId, booking.Id(), booking.GetProperty("amount").GetInt64(),
            booking.GetProperty("currency").GetString()!, "test", "ref-1", Clock.GetUtcNow()));
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "booking confirmed");
        return booking;
    }

    /// <summary>Waits until the notification triggers have queued what <paramref name="done"/> expects for a booking.</summary>
    internal async Task<List<Delivery>> QueuedAsync(Guid bookingId, Func<List<Delivery>, bool> done, string what)
    {
        List<Delivery> rows = [];
        await BookingApi.EventuallyAsync(async () => done(rows = await DeliveriesOfBookingAsync(bookingId)), what);
        return rows;
    }
}
