namespace KamHub.Notifications.Data;

/// <summary>A push device token a user registered from an app. One row per (user, token); a token the provider says is gone is deactivated, not deleted.</summary>
internal sealed class PushDevice
{
    /// <summary>A push token is the delivery's recipient, so it fits that column.</summary>
    public const int TokenMaxLength = Delivery.RecipientMaxLength;

    public const int ReasonMaxLength = 300;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>fcm or apns: which push service the token belongs to.</summary>
    public string Platform { get; set; } = "";

    public string Token { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool Active { get; set; } = true;

    public DateTime? DeactivatedAt { get; set; }

    /// <summary>What the provider said (FCM UNREGISTERED, APNs Unregistered/BadDeviceToken).</summary>
    public string? DeactivationReason { get; set; }
}

internal static class PushPlatforms
{
    public const int MaxLength = 8;

    public const string Fcm = "fcm";
    public const string Apns = "apns";

    public static readonly IReadOnlyList<string> All = [Fcm, Apns];
}
