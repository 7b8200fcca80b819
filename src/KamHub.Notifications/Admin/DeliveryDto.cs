using KamHub.Notifications.Data;
using KamHub.Core.Time;

namespace KamHub.Notifications.Admin;

/// <summary>A delivery log entry as admins see it (the rendered text is not kept: it is rendered when sent).</summary>
internal sealed record DeliveryDto(
    Guid Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Channel,
    string Category,
    string Type,
    string NotificationKey,
    string Recipient,
    string Language,
    string Status,
    int Attempts,
    DateTimeOffset NotBefore,
    string? Provider,
    string? ProviderMessageId,
    string? LastError,
    DateTimeOffset? SentAt,
    Guid? BookingId)
{
    public static DeliveryDto From(Delivery d) => new(d.Id, StoredTime.Utc(d.CreatedAt), StoredTime.Utc(d.UpdatedAt), d.Channel, d.Category, d.Type,
        d.NotificationKey, d.Recipient, d.Language, d.Status, d.Attempts, StoredTime.Utc(d.NotBefore), d.Provider, d.ProviderMessageId, d.LastError,
        d.SentAt is { } sent ? StoredTime.Utc(sent) : null, d.BookingId);
}

/// <summary>Newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
internal sealed record DeliveryPage(IReadOnlyList<DeliveryDto> Items, string? NextCursor);
