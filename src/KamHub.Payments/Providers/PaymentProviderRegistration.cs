using KamHub.Payments.Providers.CloudPayments;
using KamHub.Payments.Providers.Stripe;
using KamHub.Payments.Providers.YooKassa;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KamHub.Payments.Providers;

internal static class PaymentProviderRegistration
{
    /// <summary>
    /// Registers each real provider whose section (KamHub:Payments:Stripe / YooKassa / CloudPayments) is present, as a
    /// keyed <see cref="IPaymentProvider"/> under its name, with its own HTTP client, resilience pipeline and options
    /// validated on start. A provider without a section is simply not available.
    /// </summary>
    internal static IServiceCollection AddPaymentProviderClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        var stripe = configuration.GetSection(StripeOptions.SectionName);
        if (stripe.Exists()) services.AddStripeProvider(stripe);
        var yooKassa = configuration.GetSection(YooKassaOptions.SectionName);
        if (yooKassa.Exists()) services.AddYooKassaProvider(yooKassa);
        var cloudPayments = configuration.GetSection(CloudPaymentsOptions.SectionName);
        if (cloudPayments.Exists()) services.AddCloudPaymentsProvider(cloudPayments);
        return services;
    }
}
