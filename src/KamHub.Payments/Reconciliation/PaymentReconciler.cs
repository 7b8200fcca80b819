using KamHub.Payments.Contracts;
using KamHub.Payments.Data;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Http;
using KamHub.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Payments.Reconciliation;

/// <summary>
/// Payments still pending <see cref="PaymentsOptions.ReconcileAfterHold"/> after their hold are asked at their provider.
/// The answer goes through <see cref="WebhookProcessor"/> as a notification with an event id of its own
/// (reconcile:{payment}:{state}), so it is checked and applied exactly like the provider's webhook: amount and currency
/// must match, the transition is conditional, a webhook arriving at the same time makes one transition with it.
/// Never paid and past the hold: failed with code <c>expired</c>, which a later capture still overrides (failed → succeeded).
/// </summary>
internal sealed class PaymentReconciler(PaymentsDbContext db, PaymentProviders providers, WebhookProcessor processor, IOptions<PaymentsOptions> options,
    TimeProvider clock, ILogger<PaymentReconciler> logger) : IPaymentReconciliation
{
    public const string ExpiredCode = "expired";
    private const int PageSize = 100;

    public async Task<PaymentReconciliationReport> ReconcileAsync(CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var dueBefore = now - options.Value.ReconcileAfterHold;
        var lines = new List<ReconciledPayment>();
        // Keyset pages over (pay_by, id): payments left pending (provider down, still processing) do not come round again in this run.
        (DateTime PayBy, Guid Id)? after = null;
        while (true)
        {
            var due = db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Pending && p.PayBy <= dueBefore);
            if (after is { } last) due = due.Where(p => p.PayBy > last.PayBy || (p.PayBy == last.PayBy && p.Id.CompareTo(last.Id) > 0));
            var page = await due.OrderBy(p => p.PayBy).ThenBy(p => p.Id).Take(PageSize).ToListAsync(ct);
            foreach (var payment in page) lines.Add(await ReconcileOneAsync(payment, ct));
            if (page.Count < PageSize) break;
            after = (page[^1].PayBy, page[^1].Id);
        }

        if (lines.Count > 0)
            logger.LogInformation("Reconciled {Count} payments pending past their hold: {Outcomes}", lines.Count,
                string.Join(", ", lines.GroupBy(l => l.Outcome).Select(g => $"{g.Count()} {g.Key}")));
        return new PaymentReconciliationReport(StoredTime.Utc(now), lines);
    }

    private async Task<ReconciledPayment> ReconcileOneAsync(Payment payment, CancellationToken ct)
    {
        if (providers.Find(payment.Provider) is not { } provider)
            return Line(payment, "", ReconciliationOutcomes.NotConfigured, $"provider {payment.Provider} is not configured in this process; left pending");

        ProviderPaymentStatus status;
        try
        {
            status = await provider.GetStatusAsync(new ProviderStatusRequest(payment.Id, payment.ProviderPaymentId, payment.AmountMinor, payment.Currency), ct);
        }
        catch (PaymentProviderException ex)
        {
            logger.LogWarning(ex, "Reconciling payment {PaymentId}: {Provider} could not be asked; asked again next run", payment.Id, payment.Provider);
            return Line(payment, "", ReconciliationOutcomes.Unavailable, $"{ex.Message}; left pending, asked again next run");
        }

        if (ReconcileVerdicts.For(payment, status) is not { } verdict)
            return Line(payment, status.ProviderStatus, ReconciliationOutcomes.Processing, "the provider is still processing it; asked again next run");

        var applied = await processor.ApplyAsync(payment.Provider, verdict, ct);
        return applied switch
        {
            WebhookOutcome.Transitioned => status.State switch
            {
                ProviderPaymentState.Paid => Line(payment, status.ProviderStatus, ReconciliationOutcomes.Captured, $"captured {status.AmountMinor} {status.Currency} at the provider; succeeded"),
                ProviderPaymentState.Declined => Line(payment, status.ProviderStatus, ReconciliationOutcomes.Failed, $"declined at the provider ({verdict.FailureCode}); failed"),
                _ => Line(payment, status.ProviderStatus, ReconciliationOutcomes.Expired, "not paid at the provider and the hold is over; failed (expired)"),
            },
            WebhookOutcome.AmountMismatch => Line(payment, status.ProviderStatus, ReconciliationOutcomes.AmountMismatch,
                $"the provider names {status.AmountMinor?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no readable amount"} {status.Currency}, the payment is {payment.AmountMinor} {payment.Currency}; left pending"),
            _ => Line(payment, status.ProviderStatus, ReconciliationOutcomes.NoChange, "already settled meanwhile"),
        };
    }

    private static ReconciledPayment Line(Payment payment, string providerStatus, string outcome, string detail) =>
        new(payment.Id, payment.BookingId, payment.Provider, providerStatus, outcome, detail);
}
