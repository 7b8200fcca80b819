using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;

namespace KamHub.Payments;

/// <summary>Payment transitions by status and provider, and rejected webhooks by reason, on the platform's "KamHub" meter.</summary>
internal sealed class PaymentsMetrics
{
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _refunds;

    public PaymentsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KamHubMetrics.MeterName);
        _transitions = meter.CreateCounter<long>("kamhub.payments.transitions", "{payment}", "Payments reaching a status, per provider");
        _rejections = meter.CreateCounter<long>("kamhub.payments.webhook_rejections", "{webhook}", "Provider webhooks rejected, per provider and reason");
        _refunds = meter.CreateCounter<long>("kamhub.payments.refunds_completed", "{refund}", "Refunds completed, per provider");
    }

    public void Transition(string provider, string status) =>
        _transitions.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("status", status));

    public void Rejected(string provider, string reason) =>
        _rejections.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("reason", reason));

    public void RefundCompleted(string provider) => _refunds.Add(1, new KeyValuePair<string, object?>("provider", provider));
}
