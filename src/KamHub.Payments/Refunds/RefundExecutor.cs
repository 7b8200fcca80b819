using KamHub.Core.Data;
using KamHub.Payments.Data;
using KamHub.Payments.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using KamHub.Core.Time;

namespace KamHub.Payments.Refunds;

/// <summary>
/// Asks the provider for a refund already recorded (committed) as requested, then records its answer. A failing call
/// leaves the refund requested; <see cref="RefundRetrier"/> asks again with the same refund id (the idempotency key).
/// </summary>
internal sealed class RefundExecutor(PaymentsDbContext db, RefundBook book, PaymentProviders providers, TimeProvider clock, ILogger<RefundExecutor> logger)
{
    /// <returns>The refund as it now stands; null when there is none (recorded by a transaction that rolled back).</returns>
    public async Task<Refund?> ExecuteAsync(Guid refundId, CancellationToken ct)
    {
        var refund = await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refundId, ct);
        if (refund is null || refund.Status != RefundStatus.Requested) return refund;
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == refund.PaymentId, ct);
        ProviderRefundResult result;
        try
        {
            result = await providers.Get(payment.Provider).RefundAsync(
                new ProviderRefundRequest(refund.Id, payment.Id, payment.ProviderPaymentId ?? "", refund.AmountMinor, refund.Currency), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A timeout surfaces as a cancellation too; only our own shutdown is one. The provider may have acted: same id next time.
            logger.LogWarning(ex, "Refund {RefundId} of payment {PaymentId}: the provider call failed; it stays requested and is retried", refund.Id, payment.Id);
            return refund;
        }

        await RetryingTransaction.RunAsync(db, async token =>
        {
            await RecordAsync(book, refund, result, StoredTime.Now(clock), token);
            return (true, true);
        }, ct);
        return await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId, ct);
    }

    /// <summary>Completed now, or pending until the provider's refund webhook.</summary>
    public static async Task RecordAsync(RefundBook book, Refund refund, ProviderRefundResult result, DateTime now, CancellationToken ct)
    {
        if (result.Completed) await book.CompleteAsync(refund, result.ProviderRefundId, now, ct);
        else await book.MarkPendingAsync(refund.Id, result.ProviderRefundId, now, ct);
    }
}
