namespace KamHub.Payments.Providers.Http;

/// <summary>
/// A call to a payment provider did not succeed. Callers branch on <see cref="IsTransient"/>: a transient failure
/// (5xx, timeout, open circuit) may be tried again later with the same idempotency key; a rejection (4xx, declined
/// refund, bad credentials) will fail the same way again and needs a person or a different request.
/// </summary>
internal abstract class PaymentProviderException(string provider, string message, int? httpStatus, string? providerCode, Exception? inner)
    : Exception($"{provider}: {message}", inner)
{
    public string Provider { get; } = provider;

    /// <summary>The provider's HTTP status, when it answered at all.</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The provider's own error code (Stripe error code, YooKassa error code, CloudPayments message).</summary>
    public string? ProviderCode { get; } = providerCode;

    public abstract bool IsTransient { get; }
}

/// <summary>The provider refused the request (4xx or a business error): retrying the same request will not help.</summary>
internal sealed class PaymentProviderRejectedException(string provider, string message, int? httpStatus = null, string? providerCode = null, Exception? inner = null)
    : PaymentProviderException(provider, message, httpStatus, providerCode, inner)
{
    public override bool IsTransient => false;
}

/// <summary>The provider could not be reached or failed on its side (5xx, timeout, circuit open): try again later.</summary>
internal sealed class PaymentProviderUnavailableException(string provider, string message, int? httpStatus = null, Exception? inner = null)
    : PaymentProviderException(provider, message, httpStatus, null, inner)
{
    public override bool IsTransient => true;
}
