using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Discovery.Contracts;
using KamHub.Partners.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Partners.Assignments.MyAssignments;

/// <summary>
/// GET /api/me/assignments: the caller's departures not yet ended, soonest first, with their participants. Anyone may
/// ask; a person never assigned gets an empty list. Participants come from Booking's roster facade at read time, so a
/// late booking or a cancellation shows without any copy to keep in step.
/// </summary>
internal static class MyAssignmentsEndpoint
{
    /// <summary>A schedule, not an archive: the next this many departures.</summary>
    public const int Limit = 50;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/assignments", HandleAsync).RequireAuthorization().WithTags("Assignments");

    private static async Task<Results<Ok<MyAssignmentList>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal user, PartnersDbContext db,
        IDepartureRoster roster, ITourCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var now = StoredTime.Now(clock);
        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => a.UserId == userId && a.Status == AssignmentStatus.Active && a.EndsAt > now)
            .OrderBy(a => a.StartsAt).Take(Limit).ToListAsync(ct);
        var ids = assignments.Select(a => a.Id).ToList();
        var pickups = (await db.Pickups.AsNoTracking().Where(p => ids.Contains(p.AssignmentId)).ToListAsync(ct))
            .ToDictionary(p => (p.AssignmentId, p.BookingId));

        var items = new List<MyAssignmentDto>(assignments.Count);
        foreach (var a in assignments)
        {
            var tour = await catalog.FindAsync(a.TourId, ct);
            var groups = (await roster.BookingsAsync(a.DepartureId, ct)).Select(b => new ParticipantGroupDto(b.BookingId, b.Reference, b.Participants, b.Seats,
                new ContactDto(b.ContactPhone, b.ContactEmail),
                pickups.TryGetValue((a.Id, b.BookingId), out var p) ? new PickupDto(p.BookingId, p.Point, StoredTime.Utc(p.PickupAt)) : null,
                b.Attendance)).ToList();
            items.Add(new MyAssignmentDto(a.Id, a.DepartureId, a.Role, StoredTime.Utc(a.StartsAt), StoredTime.Utc(a.EndsAt), a.TimeZone, tour?.TitleRu,
                tour?.TitleEn, groups.Sum(g => g.Seats), groups));
        }

        return TypedResults.Ok(new MyAssignmentList(items));
    }
}
