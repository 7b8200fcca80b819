using System.Text.Json;

namespace KamHub.Notifications.Templates;

/// <summary>
/// What a message is about, stored with the queued row (JSON) and turned into template variables when it is sent,
/// in the recipient's language and time zone. Instants are UTC; amounts are minor units.
/// </summary>
internal sealed record NotificationModel
{
    public string? RecipientName { get; init; }

    public string? BookingReference { get; init; }

    public string? TourTitleRu { get; init; }

    public string? TourTitleEn { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public int? Seats { get; init; }

    public long? AmountMinor { get; init; }

    public long? RefundMinor { get; init; }

    public string? Currency { get; init; }

    public string? CustomerEmail { get; init; }

    public string? CustomerPhone { get; init; }

    /// <summary>Reminders: how long before the start this one goes out.</summary>
    public int? HoursBefore { get; init; }

    /// <summary>Agent grants: the organisation that granted (its legal name).</summary>
    public string? OperatorName { get; init; }

    /// <summary>Agent grants: the agent's share of each booking, e.g. 7.5.</summary>
    public decimal? CommissionPercent { get; init; }

    /// <summary>Agent grants to an agency: the agency's name (its members are told; null for a grant to one agent).</summary>
    public string? AgencyName { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>Exclusive end; null = no end.</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>Operator onboarding: what the admin decided on, "application" or "payout-details".</summary>
    public string? DecisionScope { get; init; }

    /// <summary>Operator onboarding: the admin's reason for a rejection.</summary>
    public string? Reason { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static NotificationModel FromJson(string json) => JsonSerializer.Deserialize<NotificationModel>(json, Json) ?? new NotificationModel();
}
