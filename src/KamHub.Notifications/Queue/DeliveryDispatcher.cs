using KamHub.Core.Time;
using KamHub.Notifications.Channels;
using KamHub.Notifications.Data;
using KamHub.Notifications.Devices;
using KamHub.Notifications.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Queue;

/// <summary>
/// One round of the worker: claim due rows, render each in its recipient's language and zone, send through the
/// channel sender, and record the outcome for that claim only: sent; failed with a backoff; or dead once attempts
/// are spent, the provider refused it for good, or its template cannot render. Before sending, preferences and push
/// devices are checked again (<see cref="SendTimeChecks"/>): what the recipient changed since enqueue still applies.
/// </summary>
internal sealed class DeliveryDispatcher(IServiceScopeFactory scopes, NotificationMetrics metrics, IOptions<NotificationsOptions> options, TimeProvider clock,
    ILogger<DeliveryDispatcher> logger)
{
    /// <summary>Returns how many rows it claimed (a full batch means more may be due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<NotificationsDbContext>();
        // No channel sender wired (channels not configured): the queue keeps filling and nothing is claimed or spent.
        if (services.GetService<IChannelSender>() is not { } sender)
        {
            await ObserveAsync(db, ct);
            return 0;
        }

        var (token, rows) = await services.GetRequiredService<DeliveryClaimer>().ClaimAsync(options.Value.BatchSize, options.Value.LeaseDuration, ct);
        var renderer = services.GetRequiredService<TemplateRenderer>();
        var facts = await services.GetRequiredService<SendTimeChecks>().LoadAsync(rows, ct);
        foreach (var row in rows) await SendAsync(db, renderer, sender, facts, row, token, ct);
        await ObserveAsync(db, ct);
        return rows.Count;
    }

    private async Task SendAsync(NotificationsDbContext db, TemplateRenderer renderer, IChannelSender sender, SendTimeFacts facts, Delivery row, Guid token,
        CancellationToken ct)
    {
        var model = NotificationModel.FromJson(row.Model);
        var decision = facts.Decide(row, model, StoredTime.Now(clock));
        if (decision.SkipReason is { } reason)
        {
            logger.LogInformation("Notification {DeliveryId} ({Type}/{Channel}) skipped: {Reason}", row.Id, row.Type, row.Channel, reason);
            await FinishAsync(db, row, token, DeliveryStatus.Skipped, null, null, reason, ct);
            return;
        }

        if (decision.DeferUntil is { } until)
        {
            await DeferAsync(db, row, token, until);
            return;
        }

        RenderedMessage message;
        try
        {
            message = await renderer.RenderAsync(row.Type, row.Channel, row.Language, model, TimeZones.Find(row.TimeZone) ?? TimeZoneInfo.Utc);
        }
        catch (TemplateException ex)
        {
            logger.LogError(ex, "Notification {DeliveryId} ({Type}/{Channel}) cannot render; dead", row.Id, row.Type, row.Channel);
            await FinishAsync(db, row, token, DeliveryStatus.Dead, null, null, ex.Message, ct);
            metrics.Failed(row.Channel, null, dead: true);
            return;
        }

        ChannelSendOutcome outcome;
        try
        {
            var data = row.BookingId is { } bookingId ? new Dictionary<string, string> { ["bookingId"] = bookingId.ToString() } : null;
            outcome = await sender.SendAsync(new OutgoingMessage(row.Id, ChannelNames.ToChannel(row.Channel), row.Recipient, model.RecipientName,
                message.Subject, message.Text, message.Html, data, decision.Platform), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome = new ChannelSendOutcome(false, null, null, ex.Message, Retryable: true, []);
        }

        if (outcome.Sent)
        {
            await FinishAsync(db, row, token, DeliveryStatus.Sent, outcome.Provider, outcome.ProviderMessageId, null, ct);
            metrics.Sent(row.Channel, outcome.Provider);
            return;
        }

        if (outcome.RecipientGone && row.Channel == ChannelNames.Push)
        {
            var gone = await PushDeviceDeactivation.DeactivateAsync(db, row.Recipient, outcome.Error ?? "reported gone", StoredTime.Now(clock), CancellationToken.None);
            logger.LogInformation("Push token of notification {DeliveryId} reported gone by {Provider}; {Count} device(s) deactivated", row.Id, outcome.Provider, gone);
        }

        var dead = !outcome.Retryable || row.Attempts >= options.Value.MaxAttempts;
        logger.LogWarning("Notification {DeliveryId} attempt {Attempt} failed ({Error}); {Next}", row.Id, row.Attempts, outcome.Error, dead ? "dead" : "will retry");
        await FinishAsync(db, row, token, dead ? DeliveryStatus.Dead : DeliveryStatus.Failed, outcome.Provider, null, outcome.Error ?? "send failed", ct,
            dead ? null : RetryBackoff.After(row.Attempts, options.Value.RetryBaseDelay, options.Value.MaxRetryDelay));
        metrics.Failed(row.Channel, outcome.Provider, dead);
    }

    /// <summary>Records the outcome unless the claim was lost (its lease ran out and another worker took the row).</summary>
    private async Task FinishAsync(NotificationsDbContext db, Delivery row, Guid token, string status, string? provider, string? providerMessageId, string? error,
        CancellationToken ct, TimeSpan? retryIn = null)
    {
        var now = StoredTime.Now(clock);
        var notBefore = retryIn is { } delay ? StoredTime.Truncate(now + delay) : now;
        var sentAt = status == DeliveryStatus.Sent ? now : (DateTime?)null;
        var trimmed = error is { Length: > Delivery.LastErrorMaxLength } ? error[..Delivery.LastErrorMaxLength] : error;
        var changed = await db.Deliveries.Where(d => d.Id == row.Id && d.CreatedAt == row.CreatedAt && d.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status).SetProperty(d => d.Provider, provider)
                .SetProperty(d => d.ProviderMessageId, providerMessageId).SetProperty(d => d.LastError, trimmed).SetProperty(d => d.SentAt, sentAt)
                .SetProperty(d => d.NotBefore, notBefore).SetProperty(d => d.LeaseToken, (Guid?)null).SetProperty(d => d.UpdatedAt, now), CancellationToken.None);
        if (changed == 0) logger.LogWarning("Notification {DeliveryId}: the claim ran out before its outcome ({Status}) was recorded", row.Id, status);
    }

    /// <summary>Quiet hours set after enqueue: back to waiting until they end; the claim did not try, so it does not count as an attempt.</summary>
    private async Task DeferAsync(NotificationsDbContext db, Delivery row, Guid token, DateTime until)
    {
        var now = StoredTime.Now(clock);
        await db.Deliveries.Where(d => d.Id == row.Id && d.CreatedAt == row.CreatedAt && d.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NotBefore, until).SetProperty(d => d.LeaseToken, (Guid?)null)
                .SetProperty(d => d.Attempts, d => d.Attempts - 1).SetProperty(d => d.UpdatedAt, now), CancellationToken.None);
    }

    private async Task ObserveAsync(NotificationsDbContext db, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var waiting = db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Failed);
        var depth = await waiting.LongCountAsync(ct);
        var oldestDue = await waiting.Where(d => d.NotBefore <= now).OrderBy(d => d.NotBefore).Select(d => (DateTime?)d.NotBefore).FirstOrDefaultAsync(ct);
        metrics.Observe(new QueueSnapshot(depth, oldestDue is { } due ? now - due : TimeSpan.Zero));
    }
}
