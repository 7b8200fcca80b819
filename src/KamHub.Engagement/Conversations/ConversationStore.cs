using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Core.Security;
using KamHub.Engagement.Conversations.Guides;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// Finds a booking's conversation, creating it the first time one of its people (or an admin) opens it: who takes part
/// comes from Booking's <see cref="IBookingDirectory"/> once and is kept here, so later reads ask no other module. The
/// trip's guides come from Engagement's own copy of Partners' assignments (<see cref="TripGuide"/>), read at every open,
/// so a guide taken off the trip is out at once.
/// </summary>
internal sealed class ConversationStore(EngagementDbContext db, IBookingDirectory bookings, TimeProvider clock)
{
    /// <summary>The conversation when <paramref name="user"/> may read it; null when there is no such booking or it is not theirs.</summary>
    public async Task<Conversation?> OpenAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.BookingId == bookingId, ct)
            ?? await CreateAsync(bookingId, ct);
        if (conversation is null) return null;
        if (conversation.DepartureId is null) await KeepDepartureAsync(conversation, ct);
        if (conversation.DepartureId is { } departureId)
            conversation.Guides = await db.TripGuides.AsNoTracking().Where(g => g.DepartureId == departureId).Select(g => g.UserId).Distinct().ToListAsync(ct);
        if (!ConversationAccess.CanRead(user, conversation)) return null;
        if (ConversationAccess.PartyOf(user, conversation) == ConversationParticipant.Guide) await GuideSide.EnsureAsync(db, bookingId, ct);
        return conversation;
    }

    private async Task<Conversation?> CreateAsync(Guid bookingId, CancellationToken ct)
    {
        if (await bookings.FindAsync(bookingId, ct) is not { } booking) return null;
        var conversation = new Conversation
        {
            BookingId = bookingId, CustomerId = booking.CustomerId, OperatorId = booking.OperatorId, TourId = booking.TourId,
            DepartureId = booking.DepartureId, CreatedAt = StoredTime.Now(clock),
        };
        db.Conversations.Add(conversation);
        var parties = new List<string> { ConversationParticipant.Customer, ConversationParticipant.Operator };
        if (await db.TripGuides.AnyAsync(g => g.DepartureId == booking.DepartureId, ct)) parties.Add(ConversationParticipant.Guide);
        foreach (var party in parties)
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

    /// <summary>Conversations opened before the departure was kept learn it once from Booking.</summary>
    private async Task KeepDepartureAsync(Conversation conversation, CancellationToken ct)
    {
        if (await bookings.FindAsync(conversation.BookingId, ct) is not { } booking) return;
        conversation.DepartureId = booking.DepartureId;
        await db.Conversations.Where(c => c.BookingId == conversation.BookingId && c.DepartureId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DepartureId, booking.DepartureId), ct);
    }
}
