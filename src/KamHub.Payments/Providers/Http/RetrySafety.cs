using Polly;

namespace KamHub.Payments.Providers.Http;

/// <summary>
/// Which provider calls the resilience pipeline may send twice. A retry is only safe when the provider would
/// recognise the second copy: reads, and writes that carry the provider's idempotency key. Everything else is
/// sent once, because a lost answer to a payment-creating POST must not become a second payment.
/// </summary>
internal static class RetrySafety
{
    private static readonly HttpRequestOptionsKey<bool> SafeKey = new("KamHub.Payments.RetrySafe");

    /// <summary>Marks a request that changes nothing at the provider even though it is a POST (e.g. a search).</summary>
    public static HttpRequestMessage MarkReadOnly(this HttpRequestMessage request)
    {
        request.Options.Set(SafeKey, true);
        return request;
    }

    public static bool IsSafeToRetry(HttpRequestMessage? request, string idempotencyHeader)
    {
        if (request is null) return false;
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head) return true;
        if (request.Options.TryGetValue(SafeKey, out var safe) && safe) return true;
        return request.Headers.TryGetValues(idempotencyHeader, out var keys) && keys.Any(k => !string.IsNullOrWhiteSpace(k));
    }

    public static bool IsSafeToRetry(ResilienceContext context, string idempotencyHeader) =>
        IsSafeToRetry(context.GetRequestMessage(), idempotencyHeader);
}
