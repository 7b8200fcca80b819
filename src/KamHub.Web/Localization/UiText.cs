using System.Globalization;

namespace KamHub.Web.Localization;

/// <summary>The pages' words in English and Russian; a missing key shows itself, so a gap is seen, not hidden.</summary>
internal static partial class UiText
{
    public static readonly string[] Languages = ["ru", "en"];

    public static bool IsRussian => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru";

    public static string T(string key) =>
        Words.TryGetValue(key, out var word) || OperationsWords.TryGetValue(key, out word) || EngagementWords.TryGetValue(key, out word)
        || AgentWords.TryGetValue(key, out word) || ReviewWords.TryGetValue(key, out word) || AgencyWords.TryGetValue(key, out word)
            ? IsRussian ? word.Ru : word.En : key;

    public static string T(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, T(key), args);
}
