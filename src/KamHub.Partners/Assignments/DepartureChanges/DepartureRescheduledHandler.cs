using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using KamHub.Core.Time;

namespace KamHub.Partners.Assignments.DepartureChanges;

/// <summary>
/// Subscriber <c>partners.departure-rescheduled</c>: the departure's active assignments move with it (start and end by
/// the same amount) and each assignee hears of it (assignment.changed). An operator's reschedule cannot be refused
/// here, so a move into another of the person's departures is logged as a clash for the operator to resolve.
/// </summary>
internal sealed class DepartureRescheduledHandler(PartnersDbContext db, IEventPublisher events, TimeProvider clock, ILogger<DepartureRescheduledHandler> logger)
    : IEventHandler
{
    public const string Subscriber = "partners.departure-rescheduled";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var moved = envelope.PayloadAs<DepartureRescheduled>();
        var startsAt = StoredTime.Truncate(moved.StartsAt.UtcDateTime);
        var now = StoredTime.Now(clock);
        var assignments = await db.Assignments.Where(a => a.DepartureId == moved.DepartureId && a.Status == AssignmentStatus.Active).ToListAsync(ct);
        foreach (var a in assignments.Where(a => a.StartsAt != startsAt || a.TimeZone != moved.TimeZone))
        {
            var shift = startsAt - a.StartsAt;
            a.StartsAt = startsAt;
            a.EndsAt += shift;
            a.TimeZone = moved.TimeZone;
            a.UpdatedAt = now;
            if (await db.Assignments.AnyAsync(o => o.UserId == a.UserId && o.Id != a.Id && o.Status == AssignmentStatus.Active
                    && o.StartsAt < a.EndsAt && a.StartsAt < o.EndsAt, ct))
                logger.LogWarning("Departure {DepartureId} moved onto another departure of assignee {UserId}: the operator must resolve it", a.DepartureId, a.UserId);
            events.Publish(db, a.Id.ToString(), new AssignmentChanged(a.Id, a.DepartureId, a.TourId, a.OperatorId, a.UserId, a.Role, "rescheduled",
                moved.StartsAt, moved.TimeZone, StoredTime.Utc(now)));
        }

        await db.SaveChangesAsync(ct);
    }
}
