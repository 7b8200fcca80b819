using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using global::Stripe;
using KamHub.Core.Hosting;

namespace KamHub.Payments.Providers.Stripe;

internal static class StripeRegistration
{
    public const string HttpClientName = "KamHub.Payments.Stripe";

    public static void AddStripeProvider(this IServiceCollection services, IConfigurationSection section)
    {
        services.AddValidatedOptions<StripeOptions>(section);
        services.AddHttpClient(HttpClientName)
            .AddPaymentProviderResilience(section.GetSection("Resilience"), idempotencyHeader: "Idempotency-Key");
        services.AddSingleton<StripeWebhookReader>();
        services.AddKeyedTransient<IPaymentProvider>(StripePaymentProvider.ProviderName, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            // Stripe.net's own retries are off: the resilience pipeline is the one place that decides what is repeated.
            var client = new StripeClient(new StripeClientOptions
            {
                ApiKey = options.SecretKey,
                ApiBase = options.ApiBase.TrimEnd('/'),
                HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: 0),
            });
            return new StripePaymentProvider(client, sp.GetRequiredService<StripeWebhookReader>());
        });
    }
}
