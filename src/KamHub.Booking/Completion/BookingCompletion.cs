using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Booking.Completion;

/// <summary>confirmed → completed inside the caller's transaction, with booking.completed; seats stay taken (the trip ran).</summary>
internal sealed class BookingCompletion(BookingDbContext db, IEventPublisher events)
{
    /// <returns>False when the booking is no longer confirmed (cancelled meanwhile, or completed by someone faster).</returns>
    public async Task<bool> CompleteAsync(TourBooking booking, DateTime endedAt, DateTime now, CancellationToken ct)
    {
        var changed = await db.Bookings.Where(b => b.Id == booking.Id && b.Status == BookingStatus.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Completed).SetProperty(b => b.CompletedAt, now), ct);
        if (changed == 0) return false;
        events.Publish(db, booking.Id.ToString(), new BookingCompleted(booking.Id, booking.DepartureId, booking.TourId, booking.OperatorId,
            booking.CustomerId, booking.Seats, booking.AmountMinor, booking.Currency, StoredTime.Utc(endedAt), StoredTime.Utc(now)));
        return true;
    }
}
