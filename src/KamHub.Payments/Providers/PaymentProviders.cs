using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers;

/// <summary>Finds a provider by its lower-case name among the keyed <see cref="IPaymentProvider"/> services.</summary>
internal sealed class PaymentProviders(IServiceProvider services, IOptions<PaymentsOptions> options)
{
    public IPaymentProvider? Find(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > Data.Payment.ProviderMaxLength
            ? null
            : services.GetKeyedService<IPaymentProvider>(name.ToLowerInvariant());

    /// <summary>The provider of a stored payment: it must still be configured, or nothing can be done with its money.</summary>
    public IPaymentProvider Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"Payment provider '{name}' is not configured in this process.");

    /// <summary>Where new payments go (KamHub:Payments:Provider).</summary>
    public IPaymentProvider Default => Get(options.Value.Provider);
}
