using KamHub.Payments.Data;
using KamHub.Payments.Providers;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Webhooks;

/// <summary>Payable = still pending and paid before the hold's expiry (PayBy); after it the seats may be gone.</summary>
internal sealed class WebhookPaymentLookup(PaymentsDbContext db, TimeProvider clock) : IWebhookPaymentLookup
{
    public async Task<WebhookPaymentState?> FindAsync(Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return null;
        var payable = payment.Status == PaymentStatus.Pending && StoredTime.Now(clock) < payment.PayBy;
        return new WebhookPaymentState(payment.Id, payment.ProviderPaymentId ?? "", payment.AmountMinor, payment.Currency, payment.Status, payable);
    }
}
