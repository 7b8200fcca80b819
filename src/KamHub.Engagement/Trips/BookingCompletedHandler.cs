using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Engagement.Data;
using KamHub.Engagement.Points;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Trips;

/// <summary>
/// Subscriber <c>engagement.trips</c> of booking.completed: records the completed trip, which opens its review window,
/// and earns its loyalty points in the same transaction.
/// The inbox makes it happen once; a replay of an already recorded trip changes nothing.
/// </summary>
internal sealed class BookingCompletedHandler(EngagementDbContext db, PointsLedger points) : IEventHandler
{
    public const string Subscriber = "engagement.trips";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var completed = envelope.PayloadAs<BookingCompleted>();
        if (await db.CompletedTrips.AnyAsync(t => t.BookingId == completed.BookingId, ct)) return;
        var trip = new CompletedTrip
        {
            BookingId = completed.BookingId,
            CustomerId = completed.CustomerId,
            TourId = completed.TourId,
            OperatorId = completed.OperatorId,
            PaidMinor = completed.PaidMinor,
            Currency = completed.Currency,
            CompletedAt = StoredTime.Truncate(completed.OccurredAt.UtcDateTime),
        };
        db.CompletedTrips.Add(trip);
        await points.EarnAsync(trip, ct);
        await db.SaveChangesAsync(ct);
    }
}
