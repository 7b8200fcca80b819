using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.CloudPayments;

internal static class CloudPaymentsRegistration
{
    public const string HttpClientName = "KamHub.Payments.CloudPayments";

    public static void AddCloudPaymentsProvider(this IServiceCollection services, IConfigurationSection section)
    {
        services.AddOptions<CloudPaymentsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CloudPaymentsOptions>, ProviderOptionsValidator<CloudPaymentsOptions>>();
        services.AddHttpClient<CloudPaymentsApi>(HttpClientName)
            .AddPaymentProviderResilience(section.GetSection("Resilience"), CloudPaymentsApi.IdempotencyHeader);
        services.AddSingleton<CloudPaymentsNotificationReader>();
        services.AddKeyedTransient<IPaymentProvider, CloudPaymentsPaymentProvider>(CloudPaymentsPaymentProvider.ProviderName);
    }
}
