using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Payments.Contracts;
using KamHub.Payments.Data;
using KamHub.Payments.Ledger;
using KamHub.Payments.Providers;
using KamHub.Payments.Refunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Payments.Webhooks;

/// <summary>
/// Applies one verified notification in one transaction. The receipt is inserted first: its unique (provider, event id)
/// key makes every other copy of the same event fail there, before it can change anything (concurrent copies wait on
/// the index until the first commits). Status changes are conditional updates, so differently-named events announcing
/// the same outcome also make one transition; each transition writes the ledger and its event through the outbox.
/// </summary>
internal sealed class WebhookProcessor(PaymentsDbContext db, LedgerWriter ledger, RefundBook refunds, IEventPublisher events,
    IOptions<PaymentsOptions> options, PaymentsMetrics metrics, TimeProvider clock, ILogger<WebhookProcessor> logger)
{
    public async Task<string> ApplyAsync(string provider, WebhookVerdict verdict, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        try
        {
            return await RetryingTransaction.RunAsync(db, async token =>
            {
                var receipt = new WebhookReceipt
                {
                    Id = Guid.CreateVersion7(),
                    Provider = provider,
                    ProviderEventId = verdict.ProviderEventId!,
                    Kind = verdict.Kind.ToString().ToLowerInvariant(),
                    ReceivedAt = now,
                };
                db.WebhookReceipts.Add(receipt);
                await db.SaveChangesAsync(token);

                var payment = await FindPaymentAsync(provider, verdict, token);
                receipt.PaymentId = payment?.Id;
                receipt.Outcome = payment is null ? WebhookOutcome.UnknownPayment : await ApplyToAsync(payment, verdict, now, token);
                // Nothing of a rejected notification stays, not even its receipt: a redelivery must be applied, not deduplicated.
                return (receipt.Outcome is not (WebhookOutcome.AmountMismatch or WebhookOutcome.RefundUnidentified), receipt.Outcome);
            }, ct);
        }
        catch (DbUpdateException)
        {
            if (await IsDuplicateAsync(provider, verdict.ProviderEventId!, ct)) return WebhookOutcome.Duplicate;
            throw;
        }
    }

    private async Task<bool> IsDuplicateAsync(string provider, string eventId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.WebhookReceipts.AnyAsync(w => w.Provider == provider && w.ProviderEventId == eventId, ct);
    }

    /// <summary>By KamHub's id when the provider echoes it, else by the provider's own id; never another provider's payment.</summary>
    private async Task<Payment?> FindPaymentAsync(string provider, WebhookVerdict verdict, CancellationToken ct)
    {
        var query = db.Payments.AsNoTracking().Where(p => p.Provider == provider);
        if (verdict.PaymentId is { } id) return await query.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (verdict.ProviderPaymentId is { } providerId) return await query.FirstOrDefaultAsync(p => p.ProviderPaymentId == providerId, ct);
        return null;
    }

    private async Task<string> ApplyToAsync(Payment payment, WebhookVerdict verdict, DateTime now, CancellationToken ct)
    {
        if (verdict.Kind is WebhookEventKind.Succeeded or WebhookEventKind.Failed && !AmountMatches(payment, verdict))
        {
            logger.LogWarning("Webhook {EventId} for payment {PaymentId} names {Amount} {Currency}, the payment is {Expected} {ExpectedCurrency}",
                verdict.ProviderEventId, payment.Id, verdict.AmountMinor, verdict.Currency, payment.AmountMinor, payment.Currency);
            return WebhookOutcome.AmountMismatch;
        }

        if (verdict.Kind == WebhookEventKind.Refunded) return await RefundedAsync(payment, verdict, now, ct);
        var changed = verdict.Kind switch
        {
            WebhookEventKind.Succeeded => await SucceedAsync(payment, verdict, now, ct),
            WebhookEventKind.Failed => await FailAsync(payment, verdict, now, ct),
            _ => false,
        };
        return changed ? WebhookOutcome.Transitioned : WebhookOutcome.NoChange;
    }

    /// <summary>
    /// The notification must name the payment's amount and currency. One it could not read (missing, "abc", "1e308",
    /// "1234,00", more decimals than the currency has) is refused like a wrong one: "no amount" never means "any amount".
    /// </summary>
    private static bool AmountMatches(Payment payment, WebhookVerdict verdict) =>
        verdict.AmountMinor == payment.AmountMinor && string.Equals(verdict.Currency, payment.Currency, StringComparison.OrdinalIgnoreCase);

    /// <summary>pending (or failed: a later attempt at the provider went through) → succeeded, with the capture in the ledger.</summary>
    private async Task<bool> SucceedAsync(Payment payment, WebhookVerdict verdict, DateTime now, CancellationToken ct)
    {
        var basisPoints = options.Value.CommissionBasisPoints;
        var changed = await db.Payments
            .Where(p => p.Id == payment.Id && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Succeeded).SetProperty(p => p.CapturedMinor, p => p.AmountMinor)
                .SetProperty(p => p.CommissionBasisPoints, basisPoints).SetProperty(p => p.FailureCode, (string?)null)
                .SetProperty(p => p.ProviderPaymentId, p => p.ProviderPaymentId ?? verdict.ProviderPaymentId)
                .SetProperty(p => p.SucceededAt, now).SetProperty(p => p.UpdatedAt, now), ct);
        if (changed == 0) return false;
        await ledger.CaptureAsync(payment, payment.AmountMinor, basisPoints, now, ct);
        events.Publish(db, payment.Id.ToString(), new PaymentSucceeded(payment.Id, payment.BookingId, payment.AmountMinor, payment.Currency, payment.Provider,
            payment.ProviderPaymentId ?? verdict.ProviderPaymentId ?? "", StoredTime.Utc(now)));
        metrics.Transition(payment.Provider, PaymentStatus.Succeeded);
        return true;
    }

    private async Task<bool> FailAsync(Payment payment, WebhookVerdict verdict, DateTime now, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(verdict.FailureCode) ? "declined" : verdict.FailureCode[..Math.Min(100, verdict.FailureCode.Length)];
        var changed = await db.Payments.Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Failed).SetProperty(p => p.FailureCode, code).SetProperty(p => p.UpdatedAt, now), ct);
        if (changed == 0) return false;
        events.Publish(db, payment.Id.ToString(), new PaymentFailed(payment.Id, payment.BookingId, payment.AmountMinor, payment.Currency, payment.Provider, code,
            StoredTime.Utc(now)));
        metrics.Transition(payment.Provider, PaymentStatus.Failed);
        return true;
    }

    /// <summary>
    /// A refund finished at the provider. Ours when it names our refund id (metadata echoed back) or the provider's refund
    /// id we stored; never guessed by amount, which cannot tell two equal partial refunds apart. Unidentified while one
    /// of ours of that amount still awaits the provider's answer (its id not stored yet): it may be that one, so nothing
    /// is recorded and the provider is asked to deliver again (by then the answer has stored the id). Otherwise it was
    /// made at the provider's side (its dashboard) and is recorded if it fits the rest.
    /// </summary>
    private async Task<string> RefundedAsync(Payment payment, WebhookVerdict verdict, DateTime now, CancellationToken ct)
    {
        if (verdict.AmountMinor is not { } amount)
        {
            logger.LogWarning("Refund webhook {EventId} for payment {PaymentId} names no readable amount", verdict.ProviderEventId, payment.Id);
            return WebhookOutcome.AmountMismatch;
        }

        var ofPayment = db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id);
        var refund = verdict.RefundId is { } ours ? await ofPayment.FirstOrDefaultAsync(r => r.Id == ours, ct) : null;
        if (refund is null && verdict.ProviderRefundId is { } providerRefundId)
            refund = await ofPayment.FirstOrDefaultAsync(r => r.ProviderRefundId == providerRefundId, ct);
        if (refund is not null)
        {
            if (amount != refund.AmountMinor)
            {
                logger.LogWarning("Refund webhook {EventId} names {Amount} for refund {RefundId} of {Expected}", verdict.ProviderEventId, amount, refund.Id,
                    refund.AmountMinor);
                return WebhookOutcome.AmountMismatch;
            }

            return await refunds.CompleteAsync(refund, verdict.ProviderRefundId, now, ct) ? WebhookOutcome.Transitioned : WebhookOutcome.NoChange;
        }

        var awaitingAnswer = await ofPayment.AnyAsync(r => r.Status == RefundStatus.Requested && r.ProviderRefundId == null && r.AmountMinor == amount, ct);
        if (awaitingAnswer)
        {
            logger.LogInformation("Refund webhook {EventId} for payment {PaymentId} ({Amount}) cannot be told apart from a refund still awaiting the provider; asking for it again",
                verdict.ProviderEventId, payment.Id, verdict.AmountMinor);
            return WebhookOutcome.RefundUnidentified;
        }

        if (amount <= 0 || !await refunds.ReserveAsync(payment.Id, amount, now, ct))
        {
            logger.LogWarning("Refund webhook {EventId} for payment {PaymentId}: {Amount} does not fit what is left to refund", verdict.ProviderEventId,
                payment.Id, verdict.AmountMinor);
            return WebhookOutcome.NoChange;
        }

        // Made at the provider's side (its dashboard, its support): recorded, and payment.refunded says so, so that Booking
        // cancels the booking instead of leaving it paid.
        var external = refunds.Add(payment, Guid.CreateVersion7(), amount, Refund.ProviderSide, null, null, now);
        external.ProviderRefundId = verdict.ProviderRefundId;
        await db.SaveChangesAsync(ct);
        return await refunds.CompleteAsync(external, verdict.ProviderRefundId, now, ct) ? WebhookOutcome.Transitioned : WebhookOutcome.NoChange;
    }
}
