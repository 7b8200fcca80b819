using System.Security.Claims;
using KamHub.Booking.Contracts;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Security;
using KamHub.Engagement.Contracts;
using KamHub.Engagement.Data;
using KamHub.Engagement.Ratings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Engagement.Reviews.SubmitReview;

/// <summary>
/// POST /api/bookings/{id}/review: the booker of a completed booking reviews it once, within the review window.
/// Anyone else is told the booking does not exist (404), as Booking itself answers them.
/// </summary>
internal static class SubmitReviewEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/bookings/{id:guid}/review", HandleAsync).RequireAuthorization().WithTags("Reviews");

    private static async Task<Results<Created<ReviewDto>, ProblemHttpResult, ValidationProblem>> HandleAsync(Guid id, ReviewFields request,
        ClaimsPrincipal user, EngagementDbContext db, IBookingDirectory bookings, TourRatings ratings, IEventPublisher events,
        IOptions<EngagementOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var trip = await db.CompletedTrips.AsNoTracking().FirstOrDefaultAsync(t => t.BookingId == id, ct);
        if (trip is null)
        {
            // Not (yet) completed as far as Engagement knows: the booking's own module says whether it exists for this user.
            var booking = await bookings.FindAsync(id, ct);
            if (booking is null || booking.CustomerId != userId) return Problems.NotFound($"There is no booking {id}.");
            return Problems.Conflict("Only a completed trip can be reviewed; this booking is " + booking.Status + ".");
        }

        if (trip.CustomerId != userId) return Problems.NotFound($"There is no booking {id}.");
        var errors = request.Check(partial: false);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = StoredTime.Now(clock);
        if (now > trip.CompletedAt.AddDays(options.Value.ReviewWindowDays))
            return Problems.Conflict($"Reviews close {options.Value.ReviewWindowDays} days after the trip.");
        if (await db.Reviews.AnyAsync(r => r.BookingId == id, ct)) return Problems.Conflict("This booking is already reviewed; edit the review instead.");

        await ratings.EnsureRowAsync(trip.TourId, trip.OperatorId, ct);
        var review = new Review
        {
            Id = Guid.CreateVersion7(),
            BookingId = id,
            TourId = trip.TourId,
            OperatorId = trip.OperatorId,
            AuthorId = userId,
            Rating = request.Rating!.Value,
            Text = request.Text!.Trim(),
            Language = request.Language,
            GuideRating = request.Aspects?.Guide,
            SafetyRating = request.Aspects?.Safety,
            ValueRating = request.Aspects?.Value,
            CreatedAt = now,
        };
        // A second request racing past the check above meets the unique index on the booking: 409 from the exception handler.
        await RetryingTransaction.RunAsync(db, async token =>
        {
            db.Reviews.Add(review);
            events.Publish(db, review.Id.ToString(), new ReviewSubmitted(review.Id, id, review.TourId, review.OperatorId, userId, review.Rating,
                StoredTime.Utc(now)));
            await db.SaveChangesAsync(token);
            await ratings.RecountAsync(review.TourId, now, token);
            return (true, true);
        }, ct);
        return TypedResults.Created($"/api/reviews/{review.Id}", ReviewDto.From(review, userId));
    }
}
