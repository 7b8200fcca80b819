namespace KamHub.Core.Features;

/// <summary>
/// A flag was created, changed or deleted (published in the same transaction as the change, ADR 0011).
/// <see cref="Old"/> is null for <c>created</c>, <see cref="New"/> for <c>deleted</c>.
/// </summary>
public sealed record FlagChanged(
    string Name,
    string Change,
    int Version,
    string ChangedBy,
    DateTimeOffset OccurredAt,
    FlagState? Old,
    FlagState? New)
{
    public const string EventName = "flag.changed";
    public const int EventVersion = 1;
}
