namespace KamHub.Core.Features;

/// <summary>One recorded change: who, when, and the state before and after.</summary>
public sealed record FlagHistoryEntry(long Id, string Name, string Change, DateTimeOffset ChangedAt, string ChangedBy, FlagState? Old, FlagState? New);

/// <summary>Newest first; pass <see cref="NextCursor"/> back as <c>cursor</c> for older entries.</summary>
public sealed record FlagHistoryPage(IReadOnlyList<FlagHistoryEntry> Items, string? NextCursor);
