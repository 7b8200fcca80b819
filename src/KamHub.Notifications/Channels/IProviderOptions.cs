using Microsoft.Extensions.Options;
using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels;

/// <summary>A provider's settings under <c>KamHub:Notifications:Providers:&lt;Name&gt;</c>, checked on start when the provider is in use.</summary>
internal interface IProviderOptions : IValidatedOptions;

/// <summary>Validates a provider's options only when some channel routes through it: unused providers need no settings.</summary>
internal sealed class ProviderOptionsValidator<TOptions>(NotificationChannel channel, string provider, IOptionsMonitor<ChannelRoutingOptions> routing)
    : IValidateOptions<TOptions> where TOptions : class, IProviderOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ChannelRoutingOptions current;
        try
        {
            current = routing.CurrentValue;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip; // the routing's own validation reports what is wrong with it
        }

        if (!current.Uses(channel, provider)) return ValidateOptionsResult.Skip;
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal static class ProviderSettings
{
    public const string SectionPrefix = "KamHub:Notifications:Providers";

    public static string Section(string optionsName) => $"{SectionPrefix}:{optionsName}";
}
