using KamHub.Engagement.Data;
using KamHub.Core.Time;

namespace KamHub.Engagement.Conversations;

/// <param name="SenderParty">customer, operator or guide.</param>
/// <param name="ReadByOthers">Every other side of the conversation has read it (a read receipt).</param>
internal sealed record MessageDto(Guid Id, string SenderParty, Guid SenderId, string Text, DateTimeOffset CreatedAt, bool ReadByOthers)
{
    public static MessageDto From(Message m, IReadOnlyList<ConversationParticipant> parties) => new(m.Id, m.SenderParty, m.SenderId, m.Text,
        StoredTime.Utc(m.CreatedAt),
        parties.Where(p => p.Party != m.SenderParty).All(p => p.ReadUpTo is { } upTo && upTo.CompareTo(m.Id) >= 0));
}

/// <param name="Items">Newest first; <paramref name="NextCursor"/> (the last id) is null on the last page.</param>
/// <param name="Unread">Messages of the other sides the caller's side has not read yet (0 for an admin).</param>
/// <param name="ReadUpTo">Per side, the newest message it has read (null before its first read).</param>
internal sealed record MessagePage(IReadOnlyList<MessageDto> Items, string? NextCursor, int Unread, IReadOnlyDictionary<string, Guid?> ReadUpTo);
