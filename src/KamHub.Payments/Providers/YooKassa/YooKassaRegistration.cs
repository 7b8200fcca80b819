using KamHub.Payments.Providers.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KamHub.Core.Hosting;

namespace KamHub.Payments.Providers.YooKassa;

internal static class YooKassaRegistration
{
    public const string HttpClientName = "KamHub.Payments.YooKassa";

    public static void AddYooKassaProvider(this IServiceCollection services, IConfigurationSection section)
    {
        services.AddValidatedOptions<YooKassaOptions>(section);
        services.AddHttpClient<YooKassaApi>(HttpClientName)
            .AddPaymentProviderResilience(section.GetSection("Resilience"), YooKassaApi.IdempotenceHeader);
        services.AddSingleton(sp => new IpAllowlist(sp.GetRequiredService<IOptions<YooKassaOptions>>().Value.EffectiveAllowlist));
        services.AddTransient<YooKassaNotificationReader>();
        services.AddKeyedTransient<IPaymentProvider, YooKassaPaymentProvider>(YooKassaPaymentProvider.ProviderName);
    }
}
