using KamHub.Engagement.Data;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// The messages of one conversation, bounded by time as well as by booking: every message was written after the
/// conversation was opened and no later than its <see cref="Conversation.LastMessageAt"/> (kept as the greatest
/// <c>created_at</c> in the message's own transaction, <see cref="MessagePosting"/>). On PostgreSQL, where messages are
/// partitioned by month, both bounds let the planner skip every month outside the conversation's life instead of probing
/// each partition's index, so the newest page costs the same at 1 million messages as at 10 million (bench/messages).
/// </summary>
internal static class ConversationWindow
{
    /// <summary>The conversation's messages; none when it has no message yet (no partition is probed then).</summary>
    public static IQueryable<Message> MessagesOf(EngagementDbContext db, Conversation conversation)
    {
        if (conversation.LastMessageAt is not { } last) return db.Messages.Where(m => false);
        var (bookingId, first) = (conversation.BookingId, conversation.CreatedAt);
        return db.Messages.Where(m => m.BookingId == bookingId && m.CreatedAt >= first && m.CreatedAt <= last);
    }
}
