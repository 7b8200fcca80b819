using System.Net;
using KamHub.Core.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace KamHub.Notifications.Channels.Http;

/// <summary>Named HttpClients for the HTTP providers: the standard resilience handler (timeouts, circuit breaker), but no retries.</summary>
internal static class ProviderHttpClients
{
    public static string Name(string provider) => $"KamHub.Notifications.{provider}";

    /// <summary>
    /// A provider send is not idempotent (Twilio and SMS.ru have no idempotency key), so a blind retry could send twice; the
    /// delivery queue retries with backoff instead, and the failover moves on at once. Settings under
    /// <c>KamHub:Notifications:Providers:&lt;Name&gt;:Resilience</c> bind to <see cref="HttpStandardResilienceOptions"/>.
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration providerSection, string provider, bool http2Only = false)
    {
        var client = services.AddHttpClient(Name(provider), c => c.Timeout = Timeout.InfiniteTimeSpan);
        if (http2Only)
        {
            // APNs speaks HTTP/2 only; over plain http (tests) this is h2c with prior knowledge.
            client.ConfigureHttpClient(c =>
            {
                c.DefaultRequestVersion = HttpVersion.Version20;
                c.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            });
            client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        }

        var resilience = providerSection.GetSection("Resilience");
        // Replaces the process-wide default (Core's OutgoingHttpDefaults) with the provider's own settings.
        client.WithoutDefaultResilience().AddStandardResilienceHandler().Configure(o =>
        {
            resilience.Bind(o);
            o.Retry.ShouldHandle = static _ => PredicateResult.False();
        });
    }
}
