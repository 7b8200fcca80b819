using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Channels;
using KamHub.Notifications.Data;
using KamHub.Notifications.Queue;
using KamHub.Notifications.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>The worker against a failing provider: backoff, dead letters, and claims that two workers never share.</summary>
public sealed class DispatchTests : IDisposable
{
    private readonly NotificationsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Send_WhenTheProviderKeepsFailing_RetriesWithGrowingBackoffThenDies()
    {
        _factory.Sender.Answer = RecordingChannelSender.Fail;
        var id = await QueueAsync("someone@example.com", "retry-test");

        await _factory.SendDueAsync();
        var first = await RowAsync(id);
        Assert.Equal((DeliveryStatus.Failed, 1), (first.Status, first.Attempts));
        Assert.Contains("503", first.LastError);
        var firstWait = first.NotBefore - NotificationNow();
        Assert.InRange(firstWait, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90)); // base 1 min, jitter ×0.5..1.5

        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await _factory.SendDueAsync();
        var second = await RowAsync(id);
        Assert.Equal((DeliveryStatus.Failed, 2), (second.Status, second.Attempts));
        Assert.InRange(second.NotBefore - NotificationNow(), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(180)); // 2 min, jittered

        _factory.Clock.Advance(TimeSpan.FromMinutes(4));
        await _factory.SendDueAsync();
        var third = await RowAsync(id);
        Assert.Equal((DeliveryStatus.Dead, 3), (third.Status, third.Attempts)); // MaxAttempts = 3
        _factory.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await _factory.SendDueAsync());
        Assert.Equal(3, _factory.Sender.Messages.Count);
    }

    [Fact]
    public async Task Send_WhenTheProviderFailsOnceThenAccepts_EndsSentWithTheProviderAndItsMessageId()
    {
        var calls = 0;
        _factory.Sender.Answer = m => Interlocked.Increment(ref calls) == 1 ? RecordingChannelSender.Fail(m) : RecordingChannelSender.Accept(m);
        var id = await QueueAsync("later@example.com", "retry-then-ok");

        await _factory.SendDueAsync();
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await _factory.SendDueAsync();

        var row = await RowAsync(id);
        Assert.Equal((DeliveryStatus.Sent, 2, "test"), (row.Status, row.Attempts, row.Provider));
        Assert.Equal("msg-" + id.ToString("N")[..8], row.ProviderMessageId);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task Send_WhenTheProviderRefusesTheMessage_DiesAtOnce()
    {
        _factory.Sender.Answer = RecordingChannelSender.Refuse;
        var id = await QueueAsync("nobody@invalid", "refused");

        await _factory.SendDueAsync();

        var row = await RowAsync(id);
        Assert.Equal((DeliveryStatus.Dead, 1, "invalid recipient"), (row.Status, row.Attempts, row.LastError));
    }

    [Fact]
    public async Task Send_WhenTheTemplateCannotRender_DiesWithTheTemplateErrorAndSendsNothing()
    {
        var id = await QueueAsync("someone@example.com", "no-template", type: "no-such-template");

        await _factory.SendDueAsync();

        var row = await RowAsync(id);
        Assert.Equal(DeliveryStatus.Dead, row.Status);
        Assert.Contains("no-such-template", row.LastError);
        Assert.Empty(_factory.Sender.Messages);
    }

    [Fact]
    public async Task Enqueue_WhenTheSameRecipientAndKeyComeAgain_KeepsOneRow()
    {
        await QueueAsync("twice@example.com", "same-key");
        await QueueAsync("twice@example.com", "same-key");
        await QueueAsync("other@example.com", "same-key");

        await _factory.SendDueAsync();

        Assert.Single(_factory.Sender.Messages, m => m.Recipient == "twice@example.com");
        Assert.Single(_factory.Sender.Messages, m => m.Recipient == "other@example.com");
    }

    [Fact]
    public async Task Metrics_AfterARound_ReportQueueDepthAndTheWaitOfTheOldestDueMessage()
    {
        _factory.Sender.Answer = RecordingChannelSender.Fail;
        await QueueAsync("a@example.com", "metrics-1");
        await QueueAsync("b@example.com", "metrics-2", notBefore: NotificationNow().AddDays(1));
        await _factory.SendDueAsync();
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));

        await _factory.Services.GetRequiredService<DeliveryDispatcher>().RunOnceAsync(CancellationToken.None);

        var snapshot = _factory.Services.GetRequiredService<NotificationMetrics>().Snapshot;
        Assert.Equal(2, snapshot.Depth); // the retried one went back to waiting; the other is not due yet
    }

    [Fact]
    public async Task Metrics_AfterSendsAndFailures_ShowPerChannelAndProviderCountsAndTheQueueGaugesAtMetrics()
    {
        var calls = 0;
        _factory.Sender.Answer = m => Interlocked.Increment(ref calls) == 1 ? RecordingChannelSender.Fail(m) : RecordingChannelSender.Accept(m);
        await QueueAsync("metrics-fail@example.com", "metrics-3");
        await QueueAsync("metrics-ok@example.com", "metrics-4");
        await _factory.SendDueAsync();

        var text = await _factory.CreateClient().GetStringAsync("/metrics");

        Assert.True(HasSeries(text, "kamhub_notifications_sent_total", "channel=\"email\"", "provider=\"test\""), text);
        Assert.True(HasSeries(text, "kamhub_notifications_failed_total", "channel=\"email\"", "outcome=\"retry\""), text);
        Assert.Contains("kamhub_notifications_queue_depth", text, StringComparison.Ordinal);
        Assert.Contains("kamhub_notifications_queue_oldest_age_seconds", text, StringComparison.Ordinal);
    }

    private static bool HasSeries(string text, string metric, params string[] labels) =>
        text.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)));

    /// <summary>PostgreSQL only: SQLite serves one process with one worker (ADR 0008).</summary>
    [PostgresFact]
    public async Task TwoWorkers_WhenRacingForTheSameRows_SendEachMessageOnce()
    {
        const int count = 60;
        for (var i = 0; i < count; i++) await QueueAsync($"race{i}@example.com", "race");
        var gate = new TaskCompletionSource();
        var first = _factory.Services.GetRequiredService<DeliveryDispatcher>();
        var second = ActivatorUtilities.CreateInstance<DeliveryDispatcher>(_factory.Services); // a second worker instance

        async Task DrainAsync(DeliveryDispatcher worker)
        {
            await gate.Task;
            while (await worker.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        }

        var workers = new[] { Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)) };
        gate.SetResult();
        await Task.WhenAll(workers);
        await _factory.SendDueAsync();

        var sent = _factory.Sender.Messages;
        Assert.Equal(count, sent.Count);
        Assert.Equal(count, sent.Select(m => m.DeliveryId).Distinct().Count());
        Assert.All(await _factory.DeliveriesAsync(q => q.Where(d => d.NotificationKey == "race")), d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
    }

    private DateTime NotificationNow() => _factory.Clock.GetUtcNow().UtcDateTime;

    private async Task<Delivery> RowAsync(Guid id) => Assert.Single(await _factory.DeliveriesAsync(q => q.Where(d => d.Id == id)));

    /// <summary>Queues one e-mail the way a trigger does, in its own transaction.</summary>
    private async Task<Guid> QueueAsync(string recipient, string key, string type = "booking-expired", DateTime? notBefore = null)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<NotificationQueue>().EnqueueAsync(new QueuedNotification(type, ChannelNames.Email, NotificationCategory.Transactional,
            recipient, null, key, SampleModels.For("booking-expired"), "ru", "Asia/Kamchatka", notBefore ?? NotificationNow()), CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (await _factory.DeliveriesAsync(q => q.Where(d => d.Recipient == recipient && d.NotificationKey == key))).Single().Id;
    }
}
