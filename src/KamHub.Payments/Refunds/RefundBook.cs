using KamHub.Core.Events;
using KamHub.Payments.Contracts;
using KamHub.Payments.Data;
using KamHub.Payments.Ledger;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Refunds;

/// <summary>
/// The refund state changes, each a conditional UPDATE inside the caller's transaction, so concurrent requests and
/// repeated webhooks can neither exceed what was captured nor complete a refund twice.
/// </summary>
internal sealed class RefundBook(PaymentsDbContext db, LedgerWriter ledger, IEventPublisher events, PaymentsMetrics metrics)
{
    /// <summary>Reserves <paramref name="amount"/> of a succeeded payment's refundable rest; false when that much is not left.</summary>
    public async Task<bool> ReserveAsync(Guid paymentId, long amount, DateTime now, CancellationToken ct) =>
        amount > 0 && await db.Payments
            .Where(p => p.Id == paymentId && p.Status == PaymentStatus.Succeeded && p.CapturedMinor - p.RefundingMinor >= amount)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundingMinor, p => p.RefundingMinor + amount).SetProperty(p => p.UpdatedAt, now), ct) == 1;

    public Refund Add(Payment payment, Guid refundId, long amount, string reason, string? key, Guid? requestedBy, DateTime now)
    {
        var refund = new Refund
        {
            Id = refundId,
            PaymentId = payment.Id,
            BookingId = payment.BookingId,
            AmountMinor = amount,
            Currency = payment.Currency,
            Status = RefundStatus.Requested,
            Reason = reason,
            IdempotencyKey = key,
            RequestedBy = requestedBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Refunds.Add(refund);
        return refund;
    }

    /// <summary>requested/pending → completed: the payment's refunded total, the ledger, payment.refunded. False when already done.</summary>
    public async Task<bool> CompleteAsync(Refund refund, string? providerRefundId, DateTime now, CancellationToken ct)
    {
        var changed = await db.Refunds
            .Where(r => r.Id == refund.Id && (r.Status == RefundStatus.Requested || r.Status == RefundStatus.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RefundStatus.Completed)
                .SetProperty(r => r.ProviderRefundId, r => providerRefundId ?? r.ProviderRefundId)
                .SetProperty(r => r.CompletedAt, now).SetProperty(r => r.UpdatedAt, now), ct);
        if (changed == 0) return false;
        await db.Payments.Where(p => p.Id == refund.PaymentId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedMinor, p => p.RefundedMinor + refund.AmountMinor).SetProperty(p => p.UpdatedAt, now), ct);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == refund.PaymentId, ct);
        await ledger.RefundAsync(payment, refund, payment.RefundedMinor, now, ct);
        events.Publish(db, payment.Id.ToString(), new PaymentRefunded(payment.Id, payment.BookingId, refund.Id, refund.AmountMinor, refund.Currency,
            StoredTime.Utc(now), refund.Reason));
        metrics.RefundCompleted(payment.Provider);
        return true;
    }

    /// <summary>The provider accepted the refund and will confirm it by webhook.</summary>
    public Task MarkPendingAsync(Guid refundId, string providerRefundId, DateTime now, CancellationToken ct) =>
        db.Refunds.Where(r => r.Id == refundId && r.Status == RefundStatus.Requested)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RefundStatus.Pending).SetProperty(r => r.ProviderRefundId, providerRefundId)
                .SetProperty(r => r.UpdatedAt, now), ct);

    /// <summary>The provider refused for good: the reservation is released, so the amount can be refunded again.</summary>
    public async Task<bool> FailAsync(Refund refund, DateTime now, CancellationToken ct)
    {
        var changed = await db.Refunds
            .Where(r => r.Id == refund.Id && (r.Status == RefundStatus.Requested || r.Status == RefundStatus.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RefundStatus.Failed).SetProperty(r => r.UpdatedAt, now), ct);
        if (changed == 0) return false;
        await db.Payments.Where(p => p.Id == refund.PaymentId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundingMinor, p => p.RefundingMinor - refund.AmountMinor).SetProperty(p => p.UpdatedAt, now), ct);
        return true;
    }
}
