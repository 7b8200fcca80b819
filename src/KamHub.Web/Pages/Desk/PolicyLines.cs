using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KamHub.Web.Api;

namespace KamHub.Web.Pages.Desk;

/// <summary>
/// A tour's refund tiers as the desk's form types them, one a line: the notice ("7d" days or "48h" hours before the
/// start) and the refund ("100%"), e.g. "7d 100%", "48h 50%", "0h 0%". Empty: no policy of the tour's own (the platform's
/// default applies). The API checks the numbers (ranges, at most so many tiers) and names the tier it refuses.
/// </summary>
internal static partial class PolicyLines
{
    [GeneratedRegex(@"^\s*(\d{1,4})\s*([dhдч])\w*\s*[:\-–—]?\s*(\d{1,3})\s*%?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tier();

    public static string Write(PolicyView policy) => string.Join("\n", policy.Tiers.Select(t => t.DaysBefore is { } days
        ? string.Create(CultureInfo.InvariantCulture, $"{days}d {t.RefundPercent}%")
        : string.Create(CultureInfo.InvariantCulture, $"{t.HoursBefore}h {t.RefundPercent}%")));

    /// <summary>The API's <c>cancellationPolicy</c>, or null for none; a line it cannot read is an error on the field.</summary>
    public static JsonObject? Read(string? typed, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var tiers = new JsonArray();
        foreach (var line in typed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Tier().Match(line);
            if (!match.Success)
            {
                errors["cancellationPolicy"] = [Localization.UiText.T("must-be-tiers", line)];
                return null;
            }

            var notice = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = char.ToLowerInvariant(match.Groups[2].Value[0]);
            var tier = new JsonObject { ["refundPercent"] = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) };
            tier[unit is 'd' or 'д' ? "daysBefore" : "hoursBefore"] = notice;
            tiers.Add(tier);
        }

        return new JsonObject { ["tiers"] = tiers };
    }
}
