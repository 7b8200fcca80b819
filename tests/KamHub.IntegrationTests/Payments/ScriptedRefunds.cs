using System.Collections.Concurrent;
using System.Net;
using KamHub.Payments.Providers;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// The sandbox with refunds the way a real provider makes them: idempotent by our refund id (asked again, it answers
/// the refund it already made), with its own refund ids, and scriptable failures: down before doing anything, or the
/// answer lost after the money moved (a timeout, a crash on our side before the answer was recorded).
/// </summary>
internal sealed class ScriptedRefunds : IPaymentProvider
{
    private IPaymentProvider _sandbox = null!;
    private int _failNext;
    private int _loseNextAnswer;

    /// <summary>What the provider refunded, by our refund id: money that really moved, once per id.</summary>
    public ConcurrentDictionary<Guid, long> Made { get; } = new();

    public ConcurrentQueue<Guid> Calls { get; } = new();

    /// <summary>Refunds stay pending at the provider and a webhook completes them.</summary>
    public bool Pending { get; set; }

    /// <summary>Runs after the refund was made and before its answer returns (a webhook racing the API's answer).</summary>
    public Func<ProviderRefundRequest, Task>? DuringCall { get; set; }

    public string Name => _sandbox.Name;

    /// <summary>Registered as the sandbox: <c>AddKeyedSingleton&lt;IPaymentProvider&gt;("sandbox", (sp, _) => scripted.Wrap(sandbox from sp))</c>.</summary>
    public ScriptedRefunds Wrap(IPaymentProvider sandbox)
    {
        _sandbox = sandbox;
        return this;
    }

    public static string ProviderRefundId(Guid refundId) => $"re_{refundId:N}";

    public void FailNext(int calls) => Volatile.Write(ref _failNext, calls);

    public void LoseNextAnswer(int calls) => Volatile.Write(ref _loseNextAnswer, calls);

    public Task<ProviderPaymentStart> StartAsync(ProviderPaymentRequest request, CancellationToken ct) => _sandbox.StartAsync(request, ct);

    public async Task<ProviderRefundResult> RefundAsync(ProviderRefundRequest request, CancellationToken ct)
    {
        Calls.Enqueue(request.RefundId);
        if (Interlocked.Decrement(ref _failNext) >= 0) throw new HttpRequestException("provider unavailable", null, HttpStatusCode.ServiceUnavailable);
        Made.GetOrAdd(request.RefundId, request.AmountMinor);
        if (Interlocked.Decrement(ref _loseNextAnswer) >= 0) throw new TaskCanceledException("the provider's answer never arrived");
        if (DuringCall is { } during) await during(request);
        return new ProviderRefundResult(ProviderRefundId(request.RefundId), Completed: !Pending);
    }

    public Task<WebhookVerdict> ReadWebhookAsync(IncomingWebhook webhook, IWebhookPaymentLookup payments, CancellationToken ct) =>
        _sandbox.ReadWebhookAsync(webhook, payments, ct);

    public Task<ProviderPaymentStatus> GetStatusAsync(ProviderStatusRequest request, CancellationToken ct) => _sandbox.GetStatusAsync(request, ct);
}
