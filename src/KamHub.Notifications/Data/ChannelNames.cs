using KamHub.Notifications.Channels;

namespace KamHub.Notifications.Data;

/// <summary>Channels as stored and answered: lower-case names.</summary>
internal static class ChannelNames
{
    public const int MaxLength = 8;

    public const string Email = "email";
    public const string Sms = "sms";
    public const string Push = "push";

    public static readonly IReadOnlyList<string> All = [Email, Sms, Push];

    public static NotificationChannel ToChannel(string name) => name switch
    {
        Email => NotificationChannel.Email,
        Sms => NotificationChannel.Sms,
        Push => NotificationChannel.Push,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown channel."),
    };
}
