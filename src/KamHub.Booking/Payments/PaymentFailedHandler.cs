using KamHub.Booking.Bookings;
using KamHub.Booking.Data;
using KamHub.Booking.Seats;
using KamHub.Core.Events;
using KamHub.Payments.Contracts;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Booking.Payments;

/// <summary>
/// payment.failed releases the hold at once: the booking becomes cancelled (by system, reason payment-failed, nothing
/// to refund) and its seats go back on sale; the customer books again to retry. Any other status is left alone.
/// </summary>
internal sealed class PaymentFailedHandler(BookingDbContext db, SeatLedger seats, BookingCanceller canceller, TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "booking.payment-failed";
    public const string Reason = "payment-failed";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var payment = envelope.PayloadAs<PaymentFailed>();
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == payment.BookingId, ct);
        if (booking is not { Status: BookingStatus.Held }) return;
        var now = StoredTime.Now(clock);
        if (await canceller.CancelAsync(booking, BookingCanceller.BySystem, Reason, 0, now, ct))
            await seats.AvailabilityChangedAsync(booking.DepartureId, ct);
    }
}
