namespace KamHub.Notifications.Data;

/// <summary>A user's notification settings. No row means the defaults: everything on, no quiet hours.</summary>
internal sealed class UserPreferences
{
    public const int OptOutsMaxLength = 500;

    public Guid UserId { get; set; }

    /// <summary>ru or en; null falls back to the operator's, then ru.</summary>
    public string? Language { get; set; }

    /// <summary>IANA zone dates are shown in; null means the departure's.</summary>
    public string? TimeZone { get; set; }

    /// <summary>E.164; used for SMS instead of a booking's contact phone.</summary>
    public string? Phone { get; set; }

    /// <summary>Local "HH:mm"; SMS and push due inside [start, end) wait until the end.</summary>
    public string? QuietHoursStart { get; set; }

    public string? QuietHoursEnd { get; set; }

    /// <summary>Comma-separated "category.channel" pairs turned off, e.g. "reminders.sms,marketing.email".</summary>
    public string OptOuts { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public bool Allows(string category, string channel) =>
        category == NotificationCategory.Transactional || !OptOuts.Split(',').Contains($"{category}.{channel}", StringComparer.Ordinal);
}

internal static class NotificationCategory
{
    /// <summary>Receipts and booking changes: cannot be turned off.</summary>
    public const string Transactional = "transactional";
    public const string Reminders = "reminders";
    public const string Marketing = "marketing";

    public static readonly IReadOnlyList<string> All = [Transactional, Reminders, Marketing];
}
