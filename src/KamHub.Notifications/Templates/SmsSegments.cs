namespace KamHub.Notifications.Templates;

/// <summary>
/// How many SMS segments a text takes: GSM-7 (160 alone, 153 per part) when every character is in the GSM basic set,
/// otherwise UCS-2 (70 alone, 67 per part), which is what any Cyrillic text needs.
/// </summary>
internal static class SmsSegments
{
    private const string Gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Gsm7Extended = "^{}\\[~]|€";

    public static int Count(string text)
    {
        var gsm = text.All(c => Gsm7.Contains(c, StringComparison.Ordinal) || Gsm7Extended.Contains(c, StringComparison.Ordinal));
        if (gsm)
        {
            var septets = text.Sum(c => Gsm7Extended.Contains(c, StringComparison.Ordinal) ? 2 : 1);
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }

        return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
    }
}
