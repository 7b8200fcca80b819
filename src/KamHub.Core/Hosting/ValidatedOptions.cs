using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Hosting;

/// <summary>Settings that list their own problems, each naming the setting it is about.</summary>
public interface IValidatedOptions
{
    IEnumerable<string> Validate();
}

/// <summary>
/// The platform's one way to register settings: bound from their section, checked at start (a bad value stops the
/// process before it serves, never at the first request that reads it), every problem reported in its own words
/// rather than one generic "invalid options" line.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration section)
        where T : class, IValidatedOptions
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, ListedProblems<T>>());
        return services.AddOptions<T>().Bind(section).ValidateOnStart();
    }

    /// <summary>For a setting that must be a provider's base address or a return URL.</summary>
    public static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private sealed class ListedProblems<T> : IValidateOptions<T> where T : class, IValidatedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
