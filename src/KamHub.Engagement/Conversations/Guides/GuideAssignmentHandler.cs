using KamHub.Core.Events;
using KamHub.Engagement.Data;
using KamHub.Partners.Contracts;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Conversations.Guides;

/// <summary>
/// Subscriber <c>engagement.trip-guides</c> of assignment.*: keeps who guides which departure (ADR 0024), from Partners'
/// events only. One subscriber for created and cancelled, so an assignment's two events arrive in order (the bus keeps
/// a subscriber's deliveries of one aggregate in order). The conversations of the departure that exist already get
/// their guide side at once, so the guide hears of the next message without opening them first.
/// </summary>
internal sealed class GuideAssignmentHandler(EngagementDbContext db) : IEventHandler
{
    public const string Subscriber = "engagement.trip-guides";
    public const string Pattern = "assignment.*";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        switch (envelope.Type)
        {
            case AssignmentCreated.EventName:
                var created = envelope.PayloadAs<AssignmentCreated>();
                if (created.Role != AssignmentRoles.Guide || await db.TripGuides.AnyAsync(g => g.AssignmentId == created.AssignmentId, ct)) return;
                db.TripGuides.Add(new TripGuide { AssignmentId = created.AssignmentId, DepartureId = created.DepartureId, UserId = created.UserId });
                await db.SaveChangesAsync(ct);
                await GuideSide.EnsureForDepartureAsync(db, created.DepartureId, ct);
                break;
            case AssignmentCancelled.EventName:
                var cancelled = envelope.PayloadAs<AssignmentCancelled>();
                // The side stays (its read mark is the guides' of that trip); the person no longer belongs to it.
                await db.TripGuides.Where(g => g.AssignmentId == cancelled.AssignmentId).ExecuteDeleteAsync(ct);
                break;
        }
    }
}
