using KamHub.Core.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace KamHub.Payments.Providers.Http;

/// <summary>
/// The standard resilience handler (rate limiter, total and per-attempt timeouts, retry, circuit breaker) tuned for
/// payment APIs: retries only where <see cref="RetrySafety"/> says a second copy is harmless, and a circuit that
/// opens at payment volumes (the library default needs 100 calls in 30 s before it ever opens).
/// Every setting can be overridden under <c>KamHub:Payments:{Provider}:Resilience</c> (HttpStandardResilienceOptions).
/// </summary>
internal static class ProviderResilience
{
    public static IHttpClientBuilder AddPaymentProviderResilience(this IHttpClientBuilder client, IConfigurationSection resilience, string idempotencyHeader)
    {
        // Replaces the process-wide default (Core's OutgoingHttpDefaults), which never retries a POST.
        var pipeline = client.WithoutDefaultResilience().AddStandardResilienceHandler().Configure(Defaults);
        // The library refuses an empty section; without one the defaults above stand.
        if (resilience.Exists()) pipeline.Configure(resilience);
        pipeline.Configure(o =>
        {
            // Set after binding: configuration may tune counts and delays, never what is safe to repeat.
            o.Retry.ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome) && RetrySafety.IsSafeToRetry(args.Context, idempotencyHeader));
        });
        return client;
    }

    private static void Defaults(HttpStandardResilienceOptions o)
    {
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
        o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
        o.Retry.MaxRetryAttempts = 3;
        o.Retry.Delay = TimeSpan.FromMilliseconds(500);
        o.CircuitBreaker.FailureRatio = 0.5;
        o.CircuitBreaker.MinimumThroughput = 10;
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
        o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(15);
    }
}
