using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Conversations;

/// <summary>Messages of the other sides newer than what <paramref name="party"/> has read (the (booking_id, id) index answers it).</summary>
internal static class Unread
{
    public static Task<int> CountAsync(EngagementDbContext db, Guid bookingId, string party, Guid? readUpTo, CancellationToken ct)
    {
        var unread = db.Messages.Where(m => m.BookingId == bookingId && m.SenderParty != party);
        if (readUpTo is { } upTo) unread = unread.Where(m => m.Id.CompareTo(upTo) > 0);
        return unread.CountAsync(ct);
    }
}
