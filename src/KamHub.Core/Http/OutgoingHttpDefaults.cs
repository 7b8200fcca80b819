using KamHub.Core.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace KamHub.Core.Http;

/// <summary>
/// What every HttpClient of the process gets, whoever registers it: the request's correlation id and the standard
/// resilience handler (rate limiter, total and per-attempt timeouts, retry with jittered backoff, circuit breaker).
/// Retries are for GET, HEAD, OPTIONS and TRACE only: a repeated POST can charge, book or send twice. A client that
/// knows better (payment providers retry POSTs that carry an idempotency key; notification providers never retry)
/// calls <c>RemoveAllResilienceHandlers()</c> and adds its own. Settings under <c>KamHub:Http:Resilience</c> bind to
/// <see cref="HttpStandardResilienceOptions"/>.
/// </summary>
public static class OutgoingHttpDefaults
{
    public const string ResilienceSection = "KamHub:Http:Resilience";

    public static IServiceCollection AddKamHubOutgoingHttpDefaults(this IServiceCollection services, IConfiguration configuration)
    {
        var resilience = configuration.GetSection(ResilienceSection);
        services.AddTransient<CorrelationIdHandler>();
        services.ConfigureHttpClientDefaults(http =>
        {
            // Outside the resilience handler: set once, every attempt carries it.
            http.AddHttpMessageHandler<CorrelationIdHandler>();
            var pipeline = http.AddStandardResilienceHandler();
            // The library refuses an empty section; without one its defaults stand.
            if (resilience.Exists()) pipeline.Configure(resilience);
            // After binding: configuration may tune counts and delays, never which methods are safe to repeat.
            pipeline.Configure(o => o.Retry.DisableForUnsafeHttpMethods());
        });
        return services;
    }

    /// <summary>
    /// Takes the process-wide resilience handler off this client, for a client that adds its own (or, calling its own
    /// process, wants none). The library marks the call experimental (EXTEXP0001); it is the documented way to replace
    /// handlers added by <c>ConfigureHttpClientDefaults</c>, and this is the only place we make it.
    /// </summary>
    public static IHttpClientBuilder WithoutDefaultResilience(this IHttpClientBuilder client)
    {
#pragma warning disable EXTEXP0001
        return client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
