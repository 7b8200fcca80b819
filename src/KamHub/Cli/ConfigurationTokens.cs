using System.Text.RegularExpressions;

namespace KamHub.Cli;

/// <summary>
/// Tokens no command claims are passed on as .NET configuration settings (<c>--KamHub:Cache:Enabled=false</c>).
/// Only tokens shaped like a setting are: any other word is an unknown command or option, never a reason to start
/// the server.
/// </summary>
internal static partial class ConfigurationTokens
{
    /// <summary>The first unclaimed token that is not a configuration setting, or null when all are.</summary>
    public static string? FirstUnknown(IReadOnlyList<string> unmatched)
    {
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (KeyValue().IsMatch(token)) continue;
            // "--Section:Key value": a configuration path (it has a colon) followed by its value.
            if (KeyAlone().IsMatch(token) && i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith('-'))
            {
                i++;
                continue;
            }

            return token;
        }

        return null;
    }

    [GeneratedRegex(@"^(--|/)?[A-Za-z_][\w.-]*(:[\w.-]+)*=", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^(--|/)[A-Za-z_][\w.-]*(:[\w.-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyAlone();
}
