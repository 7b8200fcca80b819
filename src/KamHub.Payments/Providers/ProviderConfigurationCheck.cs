using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers;

/// <summary>Fails the start when KamHub:Payments:Provider names a provider that is not registered (a typo, or its section is missing).</summary>
internal sealed class ProviderConfigurationCheck(IServiceProvider services) : IValidateOptions<PaymentsOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var errors = options.Validate().ToList();
        var keyed = services.GetRequiredService<IServiceProviderIsKeyedService>();
        if (errors.Count == 0 && !keyed.IsKeyedService(typeof(IPaymentProvider), options.Provider.ToLowerInvariant()))
            errors.Add($"KamHub:Payments:Provider '{options.Provider}' is not a configured payment provider.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
