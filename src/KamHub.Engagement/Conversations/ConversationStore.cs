using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// Finds a booking's conversation, creating it the first time one of its people (or an admin) opens it: who takes part
/// comes from Booking's <see cref="IBookingDirectory"/> once and is kept here, so later reads ask no other module.
/// </summary>
internal sealed class ConversationStore(EngagementDbContext db, IBookingDirectory bookings, TimeProvider clock)
{
    /// <summary>The conversation when <paramref name="user"/> may read it; null when there is no such booking or it is not theirs.</summary>
    public async Task<Conversation?> OpenAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.BookingId == bookingId, ct)
            ?? await CreateAsync(bookingId, ct);
        return conversation is not null && ConversationAccess.CanRead(user, conversation) ? conversation : null;
    }

    private async Task<Conversation?> CreateAsync(Guid bookingId, CancellationToken ct)
    {
        if (await bookings.FindAsync(bookingId, ct) is not { } booking) return null;
        var conversation = new Conversation
        {
            BookingId = bookingId, CustomerId = booking.CustomerId, OperatorId = booking.OperatorId, TourId = booking.TourId,
            CreatedAt = StoredTime.Now(clock),
        };
        db.Conversations.Add(conversation);
        foreach (var party in new[] { ConversationParticipant.Customer, ConversationParticipant.Operator })
            db.ConversationParticipants.Add(new ConversationParticipant { BookingId = bookingId, Party = party });
        try
        {
            await db.SaveChangesAsync(ct);
            return conversation;
        }
        catch (DbUpdateException)
        {
            // Opened at the same moment by the other side: theirs stands.
            db.ChangeTracker.Clear();
            return await db.Conversations.AsNoTracking().SingleAsync(c => c.BookingId == bookingId, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
