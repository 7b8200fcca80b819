using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Engagement.Contracts;
using KamHub.Engagement.Conversations.Live;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// Writes a message in one transaction: the message, the conversation's last activity, the sender's read mark (one has
/// read what one wrote) and message.posted. Whether to notify each other side is decided by a conditional UPDATE of
/// its participant row (notified_at more than <see cref="EngagementOptions.MessageNotifyMinutes"/> ago), so concurrent
/// messages notify a side once. On PostgreSQL a month without a partition yet gets one and the write runs again.
/// </summary>
internal sealed class MessagePosting(EngagementDbContext db, MessagePartitions partitions, IEventPublisher events, IOptions<EngagementOptions> options,
    TimeProvider clock, ConversationSignals signals)
{
    public async Task<Message> PostAsync(Conversation conversation, string party, Guid senderId, string text, CancellationToken ct)
    {
        var message = await WriteOnceMoreWithoutPartitionAsync(conversation, party, senderId, text, ct);
        // Live streams of this instance hear of it at once; other instances' through ConversationFeed.
        signals.Wake(conversation.BookingId);
        return message;
    }

    private async Task<Message> WriteOnceMoreWithoutPartitionAsync(Conversation conversation, string party, Guid senderId, string text, CancellationToken ct)
    {
        try
        {
            return await WriteAsync(conversation, party, senderId, text, ct);
        }
        catch (DbUpdateException ex) when (MessagePartitions.IsMissingPartition(ex))
        {
            db.ChangeTracker.Clear();
            await partitions.EnsureMonthsAsync(StoredTime.Now(clock), 0, ct);
            return await WriteAsync(conversation, party, senderId, text, ct);
        }
    }

    private Task<Message> WriteAsync(Conversation conversation, string party, Guid senderId, string text, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var quietUntil = now.AddMinutes(-options.Value.MessageNotifyMinutes);
        var message = new Message { Id = Guid.CreateVersion7(), BookingId = conversation.BookingId, SenderId = senderId, SenderParty = party, Text = text, CreatedAt = now };
        return RetryingTransaction.RunAsync(db, async token =>
        {
            db.Messages.Add(message);
            await db.SaveChangesAsync(token);
            // The greatest, not the last written: of two posts committing out of order, the later one must not move it
            // back, because the message list reads no further than it (ConversationWindow).
            await db.Conversations.Where(c => c.BookingId == conversation.BookingId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageAt, c => c.LastMessageAt == null || c.LastMessageAt < now ? now : c.LastMessageAt), token);
            await db.ConversationParticipants.Where(p => p.BookingId == conversation.BookingId && p.Party == party)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReadUpTo, message.Id).SetProperty(p => p.ReadAt, now), token);
            var notify = new List<string>();
            foreach (var other in await db.ConversationParticipants.AsNoTracking()
                         .Where(p => p.BookingId == conversation.BookingId && p.Party != party).Select(p => p.Party).ToListAsync(token))
            {
                var due = await db.ConversationParticipants
                    .Where(p => p.BookingId == conversation.BookingId && p.Party == other && (p.NotifiedAt == null || p.NotifiedAt <= quietUntil))
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.NotifiedAt, now), token);
                if (due == 1) notify.Add(other);
            }

            // The guides as the conversation was opened for this write (ConversationStore reads them at every open).
            var guides = notify.Contains(ConversationParticipant.Guide) ? conversation.Guides.Where(g => g != senderId).ToList() : null;
            events.Publish(db, conversation.BookingId.ToString(),
                new MessagePosted(message.Id, conversation.BookingId, party, senderId, notify, StoredTime.Utc(now), guides));
            return (true, message);
        }, ct);
    }
}
