namespace KamHub.Core.Features.Admin;

/// <summary>A flag change that was refused; <see cref="Errors"/> name the fields as the API client sent them.</summary>
public sealed class FlagValidationException(IDictionary<string, string[]> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
