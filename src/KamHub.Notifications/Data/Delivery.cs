namespace KamHub.Notifications.Data;

/// <summary>
/// One message to one recipient on one channel: the queue row while waiting, the delivery log entry afterwards.
/// On PostgreSQL the table is partitioned by month of <see cref="CreatedAt"/>, which is part of the key.
/// </summary>
internal sealed class Delivery
{
    public const int RecipientMaxLength = 320;
    public const int KeyMaxLength = 200;
    public const int LastErrorMaxLength = 2000;

    /// <summary>Version 7: ordered by creation, the admin list's cursor.</summary>
    public Guid Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>email, sms or push.</summary>
    public string Channel { get; set; } = "";

    /// <summary>transactional, reminders or marketing (what preferences can turn off).</summary>
    public string Category { get; set; } = "";

    /// <summary>The template: booking-confirmed, booking-new, reminder, …</summary>
    public string Type { get; set; } = "";

    /// <summary>With <see cref="Recipient"/>, unique: what makes a redelivered event or a second worker harmless.</summary>
    public string NotificationKey { get; set; } = "";

    /// <summary>E-mail address, E.164 phone or device token.</summary>
    public string Recipient { get; set; } = "";

    public Guid? RecipientUserId { get; set; }

    public string Language { get; set; } = "";

    public string TimeZone { get; set; } = "";

    /// <summary>JSON of the <see cref="Templates.NotificationModel"/>: rendered when sent, so a fixed template applies to queued messages.</summary>
    public string Model { get; set; } = "{}";

    public string Status { get; set; } = DeliveryStatus.Queued;

    /// <summary>Send attempts so far (counted when claimed, so a worker dying mid-send still counts).</summary>
    public int Attempts { get; set; }

    /// <summary>Not sent before this instant: a reminder's time, a quiet-hours end, a retry's backoff, or a claim's lease end.</summary>
    public DateTime NotBefore { get; set; }

    /// <summary>The claim that holds the row; completion only counts for the claim that still holds it.</summary>
    public Guid? LeaseToken { get; set; }

    public string? Provider { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentAt { get; set; }

    public Guid? BookingId { get; set; }

    public Guid? DepartureId { get; set; }
}

internal static class DeliveryStatus
{
    public const int MaxLength = 16;

    public const string Queued = "queued";
    public const string Sent = "sent";

    /// <summary>The last attempt failed; the row is retried at <see cref="Delivery.NotBefore"/>.</summary>
    public const string Failed = "failed";

    /// <summary>Attempts exhausted or the provider refused the message for good.</summary>
    public const string Dead = "dead";

    /// <summary>Dropped before sending: a reminder of a cancelled booking or departure, or one that would arrive too late.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// Not sent because of what the worker found at send time: the recipient turned the channel off for this category after
    /// it was queued, quiet hours would move a reminder past its start, or the push device was removed or deactivated.
    /// </summary>
    public const string Skipped = "skipped";

    public static readonly IReadOnlyList<string> All = [Queued, Sent, Failed, Dead, Cancelled, Skipped];
}
