using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Providers.Http;

/// <summary>Options of one provider that list their own problems, so a start with a half-filled section fails naming the fields.</summary>
internal interface IProviderOptions
{
    IEnumerable<string> Validate();
}

internal sealed class ProviderOptionsValidator<T> : IValidateOptions<T> where T : class, IProviderOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

internal static class ProviderOptionsRegistration
{
    /// <summary>Binds a provider's section and checks it when the host starts, not at the first payment.</summary>
    public static void AddProviderOptions<T>(this IServiceCollection services, IConfigurationSection section) where T : class, IProviderOptions
    {
        services.AddOptions<T>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, ProviderOptionsValidator<T>>();
    }
}
