using KamHub.Payments.Contracts;
using KamHub.Payments.Data;
using KamHub.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Providers.Sandbox;

/// <summary>
/// A press of the sandbox's pay button without the HTTP round trip: recorded on the provider side as the page records it
/// (so reconciliation agrees), then applied as the verified notification the page's webhook would carry.
/// </summary>
internal sealed class SandboxPayments(PaymentsDbContext db, WebhookProcessor processor, SandboxPresses presses) : ISandboxPayments
{
    public async Task<bool> PayAsync(Guid bookingId, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking()
            .Where(p => p.BookingId == bookingId && p.Provider == SandboxProvider.ProviderName && p.Status == PaymentStatus.Pending)
            .OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (payment is null) return false;

        presses.Record(payment.Id, SandboxEvent.PaymentSucceeded);
        var verdict = new WebhookVerdict(true, 200, null, WebhookEventKind.Succeeded, $"sandbox-press:{payment.Id:N}", payment.Id,
            payment.ProviderPaymentId ?? SandboxProvider.ProviderPaymentId(payment.Id), payment.AmountMinor, payment.Currency, null, null, null);
        return await processor.ApplyAsync(SandboxProvider.ProviderName, verdict, ct) == WebhookOutcome.Transitioned;
    }
}
