using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Conversations.Guides;

/// <summary>
/// The participant row of the side "guide" (its read mark, when it was last notified), shared by the guides of the
/// trip as the operator's users share theirs. Made when a guide is assigned to a departure with conversations, when a
/// conversation is opened on a departure with guides, and (closing the race of those two) when a guide opens it.
/// </summary>
internal static class GuideSide
{
    public static async Task EnsureForDepartureAsync(EngagementDbContext db, Guid departureId, CancellationToken ct)
    {
        var missing = await db.Conversations.Where(c => c.DepartureId == departureId)
            .Where(c => !db.ConversationParticipants.Any(p => p.BookingId == c.BookingId && p.Party == ConversationParticipant.Guide))
            .Select(c => c.BookingId).ToListAsync(ct);
        // In the handler's transaction: a conversation opened at the same moment that made its row too fails this
        // attempt, and the bus's retry finds the row.
        db.ConversationParticipants.AddRange(missing.Select(id => new ConversationParticipant { BookingId = id, Party = ConversationParticipant.Guide }));
        await db.SaveChangesAsync(ct);
    }

    public static async Task EnsureAsync(EngagementDbContext db, Guid bookingId, CancellationToken ct)
    {
        if (await db.ConversationParticipants.AnyAsync(p => p.BookingId == bookingId && p.Party == ConversationParticipant.Guide, ct)) return;
        db.ConversationParticipants.Add(new ConversationParticipant { BookingId = bookingId, Party = ConversationParticipant.Guide });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Made at the same moment elsewhere: that row stands.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
