using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Core.Events;
using KamHub.Core.Time;

namespace KamHub.Booking.Departures.ScheduleDeparture;

/// <summary>
/// Adds a new departure with the two events every schedule announces (scheduled, and its first availability), so the API
/// and the demo seeder tell search and notifications the same thing. The caller saves.
/// </summary>
internal static class DepartureScheduling
{
    public static void Add(BookingDbContext db, IEventPublisher events, Departure departure, DateTime now)
    {
        db.Departures.Add(departure);
        events.Publish(db, departure.Id.ToString(), new DepartureScheduled(departure.Id, departure.TourId, departure.OperatorId,
            StoredTime.Utc(departure.StartsAt), departure.TimeZone, departure.Capacity, departure.PriceMinor, departure.Currency, StoredTime.Utc(now),
            StoredTime.Utc(departure.StartsAt.AddMinutes(-departure.CutOffMinutes))));
        events.Publish(db, departure.Id.ToString(), new AvailabilityChanged(departure.Id, departure.TourId, departure.Capacity, departure.Capacity, StoredTime.Utc(now)));
    }
}
