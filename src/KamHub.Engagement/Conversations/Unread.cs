using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// Messages of the other sides newer than what <paramref name="party"/> has read (the (booking_id, id) index answers it,
/// within the conversation's months: <see cref="ConversationWindow"/>).
/// </summary>
internal static class Unread
{
    public static Task<int> CountAsync(EngagementDbContext db, Conversation conversation, string party, Guid? readUpTo, CancellationToken ct)
    {
        var unread = ConversationWindow.MessagesOf(db, conversation).Where(m => m.SenderParty != party);
        if (readUpTo is { } upTo) unread = unread.Where(m => m.Id.CompareTo(upTo) > 0);
        return unread.CountAsync(ct);
    }
}
