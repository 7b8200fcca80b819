using System.Globalization;
using System.Text.RegularExpressions;

namespace KamHub.Cli;

/// <summary>Checks <c>--urls</c> before anything is migrated or seeded, so a typo costs nothing.</summary>
internal static partial class ListenAddresses
{
    public static void Check(string? urls)
    {
        if (urls is null) return;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Port().Match(url) is { Success: true } port
                && (!int.TryParse(port.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535))
                throw new CliException($"--urls: port {port.Groups[1].Value} in '{url}' is out of range; use 1-65535 (or 0 for any free port).");
            // Kestrel takes * and + for "every address"; Uri does not know them.
            var probe = url.Replace("://*", "://any-host", StringComparison.Ordinal).Replace("://+", "://any-host", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new CliException($"--urls: '{url}' is not an address to listen on; give one like http://localhost:5080 (several separated by ';').");
        }
    }

    [GeneratedRegex(@"^[a-z]+://(?:\[[^\]]*\]|[^/:]*):(\d+)(?:/|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Port();
}
