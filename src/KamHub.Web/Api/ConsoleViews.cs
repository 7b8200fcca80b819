using System.Text.Json;

namespace KamHub.Web.Api;

// What the operations console shows of the admin API's answers (JSON web names; unknown fields are ignored on read).

internal sealed record EventView(Guid Id, string Module, long Position, string Type, int Version, string AggregateId, DateTimeOffset OccurredAt,
    string CorrelationId, Guid? CausationId, JsonElement Payload);

internal sealed record DeadLetterView(string Id, string Module, string Subscriber, Guid EventId, string EventType, string AggregateId, int Attempts,
    string? LastError, DateTimeOffset? DeadSince, DateTimeOffset OccurredAt, string CorrelationId);

internal sealed record DeliveryView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Channel, string Category, string Type,
    string Recipient, string Status, int Attempts, string? Provider, string? LastError, DateTimeOffset? SentAt, Guid? BookingId);

internal sealed record RefundRowView(Guid Id, Guid PaymentId, long AmountMinor, string Currency, string Status, string Reason, DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

internal sealed record PaymentRowView(Guid Id, Guid BookingId, string BookingReference, string Provider, string? ProviderPaymentId, string Status,
    string? FailureCode, long AmountMinor, string Currency, long CapturedMinor, long RefundedMinor, DateTimeOffset CreatedAt, DateTimeOffset? SucceededAt,
    IReadOnlyList<RefundRowView>? Refunds);

internal sealed record ItemsView<T>(IReadOnlyList<T> Items);

internal sealed record WebhookView(Guid Id, string Provider, string ProviderEventId, string Kind, Guid? PaymentId, string Outcome, DateTimeOffset ReceivedAt);

internal sealed record UserView(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, Guid? OperatorId);

internal sealed record FlagView(string Name, string Module, bool Enabled, double Percent, string? Description, int Version, DateTimeOffset UpdatedAt);

internal sealed record SubscriptionView(string Name, string Module, long LagEvents, double LagSeconds, int DeadLetters);

internal sealed record EventPageView(IReadOnlyList<EventView> Items, string? NextCursor);
