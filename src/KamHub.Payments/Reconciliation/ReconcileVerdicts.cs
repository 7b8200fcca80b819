using KamHub.Payments.Data;
using KamHub.Payments.Providers;

namespace KamHub.Payments.Reconciliation;

/// <summary>A provider's status answer as the notification it stands in for; null while the provider is still deciding.</summary>
internal static class ReconcileVerdicts
{
    public static WebhookVerdict? For(Payment payment, ProviderPaymentStatus status) => status.State switch
    {
        // The provider's own amount and currency: checked against the payment like a webhook's.
        ProviderPaymentState.Paid => Verdict(payment, status, WebhookEventKind.Succeeded, status.AmountMinor, status.Currency, null),
        // A failure moves no money: the payment's own amount stands in for the one the provider did not name.
        ProviderPaymentState.Declined => Verdict(payment, status, WebhookEventKind.Failed, payment.AmountMinor, payment.Currency, status.FailureCode ?? "declined"),
        ProviderPaymentState.Open => Verdict(payment, status, WebhookEventKind.Failed, payment.AmountMinor, payment.Currency, PaymentReconciler.ExpiredCode),
        _ => null,
    };

    private static WebhookVerdict Verdict(Payment payment, ProviderPaymentStatus status, WebhookEventKind kind, long? amount, string? currency, string? failureCode) =>
        new(true, 200, null, kind, $"reconcile:{payment.Id:N}:{status.State.ToString().ToLowerInvariant()}", payment.Id,
            status.ProviderPaymentId ?? payment.ProviderPaymentId, amount, currency, failureCode, null, null);
}
