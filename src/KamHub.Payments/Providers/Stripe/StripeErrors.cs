using KamHub.Payments.Providers.Http;
using global::Stripe;

namespace KamHub.Payments.Providers.Stripe;

/// <summary>Stripe.net reports every failure as <see cref="StripeException"/>; KamHub callers need "try later" versus "won't work".</summary>
internal static class StripeErrors
{
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (StripeException ex)
        {
            throw Map(ex, ct);
        }
        catch (Exception ex) when (ProviderCalls.IsTransportFailure(ex, ct))
        {
            throw ProviderCalls.Unavailable(StripePaymentProvider.ProviderName, ex);
        }
    }

    private static PaymentProviderException Map(StripeException ex, CancellationToken ct)
    {
        // Stripe.net wraps transport failures (including the resilience pipeline's own) in a StripeException without a status.
        if (ex.InnerException is { } inner && ProviderCalls.IsTransportFailure(inner, ct))
            return ProviderCalls.Unavailable(StripePaymentProvider.ProviderName, inner);
        var status = (int)ex.HttpStatusCode;
        if (status == 0 || ProviderCalls.IsTransientStatus(ex.HttpStatusCode))
            return new PaymentProviderUnavailableException(StripePaymentProvider.ProviderName, $"HTTP {status}: {ex.Message}", status == 0 ? null : status, ex);
        var code = ex.StripeError?.Code ?? ex.StripeError?.Type;
        return new PaymentProviderRejectedException(StripePaymentProvider.ProviderName, $"HTTP {status}: {ex.Message}", status, code, ex);
    }
}
