using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Channels;

/// <summary>A provider's settings under <c>KamHub:Notifications:Providers:&lt;Name&gt;</c>, checked on start when the provider is in use.</summary>
internal interface IProviderOptions
{
    IEnumerable<string> Validate();
}

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

    public static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>Options that list their own problems: each one is reported with the setting it names, not one generic line.</summary>
internal sealed class ListedProblemsValidator<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var list = problems(options).ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
