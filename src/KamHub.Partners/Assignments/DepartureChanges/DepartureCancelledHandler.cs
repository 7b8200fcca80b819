using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Partners.Contracts;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Partners.Assignments.DepartureChanges;

/// <summary>Subscriber <c>partners.departure-cancelled</c>: the departure's assignments end and each assignee hears of it (assignment.cancelled).</summary>
internal sealed class DepartureCancelledHandler(PartnersDbContext db, IEventPublisher events, TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "partners.departure-cancelled";
    public const string Reason = "departure-cancelled";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var cancelled = envelope.PayloadAs<DepartureCancelled>();
        var now = StoredTime.Now(clock);
        var assignments = await db.Assignments.Where(a => a.DepartureId == cancelled.DepartureId && a.Status == AssignmentStatus.Active).ToListAsync(ct);
        foreach (var a in assignments)
        {
            a.Status = AssignmentStatus.Cancelled;
            a.CancelledAt = now;
            a.CancellationReason = Reason;
            a.UpdatedAt = now;
            events.Publish(db, a.Id.ToString(), new AssignmentCancelled(a.Id, a.DepartureId, a.TourId, a.OperatorId, a.UserId, a.Role, Reason,
                StoredTime.Utc(a.StartsAt), a.TimeZone, StoredTime.Utc(now)));
        }

        await db.SaveChangesAsync(ct);
    }
}
