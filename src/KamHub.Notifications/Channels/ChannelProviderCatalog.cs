namespace KamHub.Notifications.Channels;

/// <summary>The providers KamHub knows per channel, and the service key each is registered under.</summary>
internal static class ChannelProviderCatalog
{
    public const string File = "file";
    public const string Smtp = "smtp";
    public const string SendGrid = "sendgrid";
    public const string Twilio = "twilio";
    public const string SmsRu = "smsru";
    public const string Fcm = "fcm";
    public const string Apns = "apns";

    private static readonly Dictionary<NotificationChannel, string[]> Known = new()
    {
        [NotificationChannel.Email] = [Smtp, SendGrid, File],
        [NotificationChannel.Sms] = [Twilio, SmsRu, File],
        [NotificationChannel.Push] = [Fcm, Apns, File],
    };

    public static IReadOnlyList<string> NamesFor(NotificationChannel channel) => Known[channel];

    public static bool Exists(NotificationChannel channel, string name) => Known[channel].Contains(name, StringComparer.Ordinal);

    /// <summary>"file" exists on every channel, so the name alone is not a unique key: "email:smtp", "sms:file".</summary>
    public static string Key(NotificationChannel channel, string name) => $"{channel.ToString().ToLowerInvariant()}:{name}";
}
