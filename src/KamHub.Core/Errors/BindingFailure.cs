using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace KamHub.Core.Errors;

/// <summary>
/// A query, route or header value the framework could not convert (<c>?limit=abc</c>). Its own message names a .NET
/// type ("Nullable&lt;int&gt; limit"); the client reads the parameter and what it should be, in plain words, in the
/// same validation problem shape as every other field error.
/// </summary>
internal sealed partial record BindingFailure(string Parameter, string Message)
{
    public static BindingFailure? TryRead(string frameworkMessage)
    {
        var failed = FailedToBind().Match(frameworkMessage);
        if (failed.Success) return new(failed.Groups["name"].Value, $"must be {Expected(failed.Groups["type"].Value)}.");
        var missing = NotProvided().Match(frameworkMessage);
        return missing.Success ? new(missing.Groups["name"].Value, "is required.") : null;
    }

    public ValidationProblemDetails ToProblem() => new(new Dictionary<string, string[]> { [Parameter] = [Message] })
    {
        Status = 400,
        Title = "Validation failed",
        Detail = "One or more fields are invalid.",
        Type = ProblemTypes.Validation,
    };

    /// <summary>What a value of the parameter's type looks like, for a person: no generic .NET names.</summary>
    internal static string Expected(string typeName)
    {
        var type = NullableOf().Match(typeName) is { Success: true } inner ? inner.Groups["inner"].Value : typeName.TrimEnd('?');
        return type switch
        {
            "int" or "long" or "short" or "byte" or "uint" or "ulong" or "ushort" or "sbyte" or "Int32" or "Int64" or "Int16" => "a whole number",
            "decimal" or "double" or "float" or "Decimal" or "Double" or "Single" => "a number",
            "bool" or "Boolean" => "true or false",
            "Guid" => "an id (a GUID such as 0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b)",
            "DateOnly" => "a date (YYYY-MM-DD)",
            "TimeOnly" => "a time of day (HH:MM)",
            "DateTime" or "DateTimeOffset" => "a date and time (ISO 8601, e.g. 2026-07-01T08:00:00Z)",
            "TimeSpan" => "a duration (HH:MM:SS)",
            _ => "a value of the documented format",
        };
    }

    // The framework's wording (RequestDelegateFactory): Failed to bind parameter "Nullable<int> limit" from "abc".
    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();

    // Required parameter "string q" was not provided from query string.
    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NotProvided();

    [GeneratedRegex("^Nullable<(?<inner>.+)>$", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();
}
