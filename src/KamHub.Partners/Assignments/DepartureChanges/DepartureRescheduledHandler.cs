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
/// the same amount) and each assignee hears of it (assignment.changed). Booking refuses a reschedule that would put an
/// assignee on two overlapping departures (asked through <see cref="IAssignmentDirectory.RescheduleClashAsync"/>), but an
/// assignment made between that check and this delivery can still clash: the rule is enforced here, under the person's
/// lock like an assignment (<see cref="StaffCalendar"/>). The moved assignment gives way: it is cancelled (reason
/// <c>overlap</c>, assignment.cancelled), so the person and the operator hear of it, and the other one stands (ADR 0023).
/// </summary>
internal sealed class DepartureRescheduledHandler(PartnersDbContext db, StaffCalendar calendar, IEventPublisher events, TimeProvider clock,
    ILogger<DepartureRescheduledHandler> logger) : IEventHandler
{
    public const string Subscriber = "partners.departure-rescheduled";
    public const string OverlapReason = "overlap";

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
            if (await calendar.LockAndFindOverlapAsync(a.UserId, a.StartsAt, a.EndsAt, a.Id, ct) is not null)
            {
                logger.LogWarning("Departure {DepartureId} moved onto another departure of assignee {UserId}: the assignment is cancelled", a.DepartureId, a.UserId);
                a.Status = AssignmentStatus.Cancelled;
                a.CancelledAt = now;
                a.CancellationReason = OverlapReason;
                events.Publish(db, a.Id.ToString(), new AssignmentCancelled(a.Id, a.DepartureId, a.TourId, a.OperatorId, a.UserId, a.Role, OverlapReason,
                    moved.StartsAt, moved.TimeZone, StoredTime.Utc(now)));
                continue;
            }

            events.Publish(db, a.Id.ToString(), new AssignmentChanged(a.Id, a.DepartureId, a.TourId, a.OperatorId, a.UserId, a.Role, "rescheduled",
                moved.StartsAt, moved.TimeZone, StoredTime.Utc(now)));
        }

        await db.SaveChangesAsync(ct);
    }
}
