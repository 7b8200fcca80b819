using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Availability;

/// <summary>
/// Subscribers <c>discovery.departures</c> (<c>departure.*</c>) and <c>discovery.availability</c>
/// (<c>availability.changed</c>): keep <see cref="TourDeparture"/> rows in step with Booking, then drop that tour's
/// cached departures. Two subscribers have no order between them and replays re-deliver old events, so every write
/// is one upsert that only moves a group of fields forward (by Booking outbox position); it is idempotent, and
/// concurrent first writes of one departure meet in the primary key instead of failing.
/// Caches (dropped after the commit, see <see cref="AfterCommitInvalidation"/>): the tour's departures entry goes on every event. Window searches are flushed only by the rare schedule
/// changes (scheduled, moved, cancelled), never by seat changes, which happen on every hold: for those the
/// search-window region's TTL is the staleness bound of which tours match (the seats shown are always current).
/// </summary>
internal sealed class DepartureProjection(DiscoveryDbContext db, AfterCommitInvalidation invalidation, TimeProvider clock) : IEventHandler
{
    public const string ScheduleSubscriber = "discovery.departures";
    public const string SchedulePattern = "departure.*";
    public const string SeatsSubscriber = "discovery.availability";
    public const string SeatsPattern = AvailabilityChanged.EventName;

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var row = Row(envelope);
        if (row is null) return; // a departure.* event this projection does not need
        await UpsertAsync(row, ct);
        invalidation.Key(TourAvailability.Key(row.TourId));
        if (envelope.Type != AvailabilityChanged.EventName) invalidation.Tag(TourCache.WindowSearchTag);
    }

    private TourDeparture? Row(EventEnvelope envelope)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (envelope.Type)
        {
            case DepartureScheduled.EventName:
            {
                var e = envelope.PayloadAs<DepartureScheduled>();
                return new TourDeparture
                {
                    DepartureId = e.DepartureId, TourId = e.TourId, StartsAt = e.StartsAt.UtcDateTime, StartsLocal = LocalClock.WallClock(e.StartsAt, e.TimeZone),
                    BookableUntil = e.BookableUntil?.UtcDateTime, SchedulePosition = envelope.Position, Capacity = e.Capacity, SeatsLeft = e.Capacity, SeatsPosition = envelope.Position, UpdatedAt = now,
                };
            }
            case DepartureRescheduled.EventName:
            {
                var e = envelope.PayloadAs<DepartureRescheduled>();
                return new TourDeparture
                {
                    DepartureId = e.DepartureId, TourId = e.TourId, StartsAt = e.StartsAt.UtcDateTime, StartsLocal = LocalClock.WallClock(e.StartsAt, e.TimeZone),
                    BookableUntil = e.BookableUntil?.UtcDateTime, SchedulePosition = envelope.Position, UpdatedAt = now,
                };
            }
            case DepartureCancelled.EventName:
            {
                var e = envelope.PayloadAs<DepartureCancelled>();
                return new TourDeparture { DepartureId = e.DepartureId, TourId = e.TourId, Cancelled = true, UpdatedAt = now };
            }
            case AvailabilityChanged.EventName:
            {
                var e = envelope.PayloadAs<AvailabilityChanged>();
                return new TourDeparture
                {
                    DepartureId = e.DepartureId, TourId = e.TourId, Capacity = e.Capacity, SeatsLeft = e.SeatsLeft, SeatsPosition = envelope.Position, UpdatedAt = now,
                };
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// Same SQL on both providers (SQLite has had INSERT … AS alias … ON CONFLICT DO UPDATE since 3.24). A group of
    /// fields is taken from the event only when the event is newer than what set them; cancelled is sticky.
    /// </summary>
    private Task<int> UpsertAsync(TourDeparture r, CancellationToken ct)
    {
        var table = db.Database.IsSqlite() ? "\"discovery_departures\"" : "\"discovery\".\"departures\"";
        const string newerSchedule = "excluded.schedule_position > d.schedule_position";
        const string newerSeats = "excluded.seats_position > d.seats_position";
        var sql =
            $"INSERT INTO {table} AS d (departure_id, tour_id, starts_at, starts_local, capacity, seats_left, cancelled, schedule_position, seats_position, updated_at, bookable_until) " +
            "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}) ON CONFLICT (departure_id) DO UPDATE SET " +
            $"starts_at = CASE WHEN {newerSchedule} THEN excluded.starts_at ELSE d.starts_at END, " +
            $"starts_local = CASE WHEN {newerSchedule} THEN excluded.starts_local ELSE d.starts_local END, " +
            $"bookable_until = CASE WHEN {newerSchedule} THEN excluded.bookable_until ELSE d.bookable_until END, " +
            $"schedule_position = CASE WHEN {newerSchedule} THEN excluded.schedule_position ELSE d.schedule_position END, " +
            $"capacity = CASE WHEN {newerSeats} THEN excluded.capacity ELSE d.capacity END, " +
            $"seats_left = CASE WHEN {newerSeats} THEN excluded.seats_left ELSE d.seats_left END, " +
            $"seats_position = CASE WHEN {newerSeats} THEN excluded.seats_position ELSE d.seats_position END, " +
            "cancelled = (d.cancelled OR excluded.cancelled), updated_at = excluded.updated_at";
        return db.Database.ExecuteSqlRawAsync(sql,
            [r.DepartureId, r.TourId, OrNull(r.StartsAt), OrNull(r.StartsLocal), r.Capacity, r.SeatsLeft, r.Cancelled, r.SchedulePosition, r.SeatsPosition, r.UpdatedAt,
                OrNull(r.BookableUntil)], ct);
    }

    /// <summary>A null parameter (not DBNull, which EF cannot map): the schedule fields of an event that has none.</summary>
    private static object OrNull(DateTime? value) => value!;
}
