using System.Globalization;

namespace KamHub.Payments.Providers.Http;

/// <summary>
/// KamHub keeps money in integer minor units; YooKassa and CloudPayments speak decimal major units ("100.00").
/// The exponent comes from ISO 4217 (two decimals unless listed).
/// </summary>
internal static class MinorUnits
{
    private static readonly HashSet<string> NoDecimals = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimals = new(StringComparer.OrdinalIgnoreCase)
    {
        "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
    };

    public static int Exponent(string currency) =>
        NoDecimals.Contains(currency) ? 0 : ThreeDecimals.Contains(currency) ? 3 : 2;

    public static decimal ToMajor(long amountMinor, string currency) => amountMinor / Pow10(Exponent(currency));

    public static string ToMajorString(long amountMinor, string currency) =>
        ToMajor(amountMinor, currency).ToString("F" + Exponent(currency), CultureInfo.InvariantCulture);

    /// <summary>Parses "100.00" into minor units; false when the text is not a number or has more decimals than the currency.</summary>
    public static bool TryParseMajor(string? text, string currency, out long amountMinor)
    {
        amountMinor = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var major))
            return false;
        return TryFromMajor(major, currency, out amountMinor);
    }

    public static bool TryFromMajor(decimal major, string currency, out long amountMinor)
    {
        amountMinor = 0;
        decimal minor;
        try
        {
            minor = major * Pow10(Exponent(currency));
        }
        catch (OverflowException)
        {
            return false;
        }

        if (minor != decimal.Truncate(minor) || minor < long.MinValue || minor > long.MaxValue) return false;
        amountMinor = (long)minor;
        return true;
    }

    private static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, exponent) };
}
