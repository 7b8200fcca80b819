using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using KamHub.Core.Hosting;

namespace KamHub.Payments.Providers.CloudPayments;

internal static class CloudPaymentsRegistration
{
    public const string HttpClientName = "KamHub.Payments.CloudPayments";

    public static void AddCloudPaymentsProvider(this IServiceCollection services, IConfigurationSection section)
    {
        services.AddValidatedOptions<CloudPaymentsOptions>(section);
        services.AddHttpClient<CloudPaymentsApi>(HttpClientName)
            .AddPaymentProviderResilience(section.GetSection("Resilience"), CloudPaymentsApi.IdempotencyHeader);
        services.AddSingleton<CloudPaymentsNotificationReader>();
        services.AddKeyedTransient<IPaymentProvider, CloudPaymentsPaymentProvider>(CloudPaymentsPaymentProvider.ProviderName);
    }
}
