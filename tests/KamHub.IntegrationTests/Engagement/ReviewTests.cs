using System.Net;
using System.Net.Http.Json;
using KamHub.Engagement.Data;
using KamHub.Engagement.Ratings;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>Reviews of completed trips through HTTP, and the tour rating they make in Discovery.</summary>
public sealed class ReviewTests : IDisposable
{
    private readonly PaymentsFactory _factory = new(start: EngagementApi.Start);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Review_ByTheBookersOfCompletedTrips_RatesTheTourInDetailsSearchAndSortAndPagesTheList()
    {
        var tour = await _factory.PublishedTourAsync();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(EngagementApi.StartsAt))).Id();
        var (first, firstBooking) = await _factory.PaidBookingAsync(departure);
        var (second, secondBooking) = await _factory.PaidBookingAsync(departure);
        var unrated = await _factory.PublishedTourAsync();
        // A third tour of the same operator: the operator's rating counts the reviews of all its tours.
        var sibling = await _factory.PublishedTourAsync();
        var (third, thirdBooking) = await _factory.PaidBookingAsync((await _factory.Operator().ScheduleAsync(sibling, BookingApi.DepartureBody(EngagementApi.StartsAt))).Id());
        await _factory.CompleteTripsAsync(_factory.Clock, firstBooking.Id(), secondBooking.Id(), thirdBooking.Id());

        var review = await first.ReviewedAsync(firstBooking.Id(), 4);
        Assert.Equal(4, review.GetProperty("rating").GetInt32());
        await second.ReviewedAsync(secondBooking.Id(), 5, "Bears!");
        await third.ReviewedAsync(thirdBooking.Id(), 2, "Rain all day.");

        var anyone = _factory.CreateClient();
        await anyone.WaitForRatingAsync(tour, 4.5m, 2);
        // (4 + 5 + 2) / 3, on every tour of the operator, the unrated one too.
        await BookingApi.EventuallyAsync(async () => OperatorRating(await anyone.GetJsonAsync($"/api/tours/{unrated}")) == (3.67m, 3), "the operator rated 3.67 by 3");
        // The tour's page may have been read (by the wait above) while the third rating was being written, and cached
        // just after the first drop; the second drop (AfterCommitInvalidation.SecondDropDelay) bounds that staleness.
        await BookingApi.EventuallyAsync(async () => OperatorRating(await anyone.GetJsonAsync($"/api/tours/{tour}")) == (3.67m, 3), "the rated tour shows the operator's 3.67 by 3");
        var (items, _) = await anyone.SearchAsync("sort=rating&limit=100");
        var found = items.Single(t => t.Id() == tour);
        Assert.Equal(4.5m, found.GetProperty("rating").GetProperty("average").GetDecimal());
        Assert.Equal(2, found.GetProperty("rating").GetProperty("count").GetInt32());
        Assert.Equal((3.67m, 3), OperatorRating(found));
        Assert.Equal((3.67m, 3), OperatorRating(items.Single(t => t.Id() == sibling)));
        // Best first: the rated tour comes before the unrated one.
        Assert.True(items.FindIndex(t => t.Id() == tour) < items.FindIndex(t => t.Id() == unrated));
        Assert.Contains(tour, await anyone.SearchIdsAsync("minRating=4.5&limit=100"));
        Assert.DoesNotContain(tour, await anyone.SearchIdsAsync("minRating=4.6&limit=100"));
        Assert.DoesNotContain(unrated, await anyone.SearchIdsAsync("minRating=0&limit=100"));

        // Newest first, one per page, the cursor leads to the other.
        var page = await anyone.GetJsonAsync($"/api/tours/{tour}/reviews?limit=1");
        Assert.Equal("Bears!", page.GetProperty("items")[0].GetProperty("text").GetString());
        var next = await anyone.GetJsonAsync($"/api/tours/{tour}/reviews?limit=1&cursor={page.GetProperty("nextCursor").GetString()}");
        Assert.Equal(review.GetProperty("id").GetGuid(), next.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await anyone.GetAsync($"/api/tours/{tour}/reviews?cursor=nope")).StatusCode);

        // Most helpful first: two people (one twice) find the older review helpful; its author may not vote.
        var reviewUrl = $"/api/reviews/{review.GetProperty("id").GetGuid()}/helpful";
        var reader = _factory.Tourist();
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PostAsync(reviewUrl, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PostAsync(reviewUrl, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync(reviewUrl, null)).StatusCode);
        await DiscoveryApi.AssertProblemAsync(await first.PostAsync(reviewUrl, null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.PostAsync(reviewUrl, null)).StatusCode);
        var helpful = await anyone.GetJsonAsync($"/api/tours/{tour}/reviews?sort=helpful&limit=1");
        Assert.Equal(review.GetProperty("id").GetGuid(), helpful.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(2, helpful.GetProperty("items")[0].GetProperty("helpful").GetInt32());
        var lessHelpful = await anyone.GetJsonAsync($"/api/tours/{tour}/reviews?sort=helpful&limit=1&cursor={helpful.GetProperty("nextCursor").GetString()}");
        Assert.Equal("Bears!", lessHelpful.GetProperty("items")[0].GetProperty("text").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lessHelpful.GetProperty("nextCursor").ValueKind);
        await DiscoveryApi.AssertProblemAsync(await anyone.GetAsync($"/api/tours/{tour}/reviews?sort=helpful&cursor={page.GetProperty("nextCursor").GetString()}"),
            HttpStatusCode.BadRequest, "cursor");
        await DiscoveryApi.AssertProblemAsync(await anyone.GetAsync($"/api/tours/{tour}/reviews?sort=best"), HttpStatusCode.BadRequest, "sort");
    }

    [Fact]
    public async Task Review_WhenNotCompletedTwiceByOthersOrLate_IsRefused()
    {
        var departure = await _factory.DepartureAsync(startsAt: EngagementApi.StartsAt);
        var (tourist, booking) = await _factory.PaidBookingAsync(departure);
        var (late, lateBooking) = await _factory.PaidBookingAsync(departure);
        var body = new { rating = 5, text = "Great" };

        await DiscoveryApi.AssertProblemAsync(await tourist.ReviewAsync(booking.Id(), body), HttpStatusCode.Conflict);
        await _factory.CompleteTripsAsync(_factory.Clock, booking.Id(), lateBooking.Id());

        await DiscoveryApi.AssertProblemAsync(await _factory.Tourist().ReviewAsync(booking.Id(), body), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().ReviewAsync(booking.Id(), body), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await tourist.ReviewAsync(Guid.NewGuid(), body), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await tourist.ReviewAsync(booking.Id(), new { rating = 6, text = "x" }), HttpStatusCode.BadRequest, "rating");
        await DiscoveryApi.AssertProblemAsync(await tourist.ReviewAsync(booking.Id(), new { rating = 3, text = "" }), HttpStatusCode.BadRequest, "text");
        await DiscoveryApi.AssertProblemAsync(await tourist.ReviewAsync(booking.Id(), new { rating = 3, text = "ok", aspects = new { safety = 0 } }),
            HttpStatusCode.BadRequest, "aspects.safety");

        await tourist.ReviewedAsync(booking.Id(), 5);
        await DiscoveryApi.AssertProblemAsync(await tourist.ReviewAsync(booking.Id(), body), HttpStatusCode.Conflict);

        // The window (60 days by default) closes for the one who waited.
        _factory.Clock.Advance(TimeSpan.FromDays(61));
        await DiscoveryApi.AssertProblemAsync(await late.ReviewAsync(lateBooking.Id(), body), HttpStatusCode.Conflict);
        // The tour's rating follows the review through an event: eventually, not at once (it failed once on a loaded run).
        await _factory.CreateClient().WaitForRatingAsync(booking.GetProperty("tourId").GetGuid(), 5m, 1);
    }

    [Fact]
    public async Task Review_EditReplyReportHideRestore_FollowTheRulesAndHiddenLeavesTheRating()
    {
        var tour = await _factory.PublishedTourAsync();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(EngagementApi.StartsAt))).Id();
        var (tourist, booking) = await _factory.PaidBookingAsync(departure);
        var (other, otherBooking) = await _factory.PaidBookingAsync(departure);
        await _factory.CompleteTripsAsync(_factory.Clock, booking.Id(), otherBooking.Id());
        var review = (await tourist.ReviewedAsync(booking.Id(), 2)).GetProperty("id").GetGuid();
        await other.ReviewedAsync(otherBooking.Id(), 4);
        var anyone = _factory.CreateClient();
        await anyone.WaitForRatingAsync(tour, 3m, 2);

        // Edit: the author only, within 48 hours.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PatchAsJsonAsync($"/api/reviews/{review}", new { rating = 1 })).StatusCode);
        var edited = await tourist.PatchAsJsonAsync($"/api/reviews/{review}", new { rating = 3, aspects = new { guide = 5 } });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(5, (await edited.JsonAsync()).GetProperty("aspects").GetProperty("guide").GetInt32());
        await anyone.WaitForRatingAsync(tour, 3.5m, 2);

        // Reply: the tour's operator, once; another operator may not.
        var (otherOperator, _) = await _factory.OtherOperatorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOperator.PostAsJsonAsync($"/api/reviews/{review}/reply", new { text = "Hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().PostAsJsonAsync($"/api/reviews/{review}/reply", new { text = "Thank you!" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _factory.Operator().PostAsJsonAsync($"/api/reviews/{review}/reply", new { text = "Again" })).StatusCode);

        // Report: anyone signed in; anonymous may not.
        Assert.Equal(HttpStatusCode.NoContent, (await _factory.Tourist().PostAsJsonAsync($"/api/reviews/{review}/report", new { reason = "rude" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.PostAsJsonAsync($"/api/reviews/{review}/report", new { reason = "x" })).StatusCode);
        var reported = await _factory.Admin().GetJsonAsync("/api/admin/reviews/reported");
        Assert.Contains(reported.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == review);

        // Hide: admins only, with a reason; the review leaves the list and the rating; restore brings both back.
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.Operator().PostAsJsonAsync($"/api/admin/reviews/{review}/hide", new { reason = "x" })).StatusCode);
        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().PostAsJsonAsync($"/api/admin/reviews/{review}/hide", new { reason = "" }),
            HttpStatusCode.BadRequest, "reason");
        var hidden = await _factory.Admin().PostAsJsonAsync($"/api/admin/reviews/{review}/hide", new { reason = "insults the guide" });
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.Equal("insults the guide", (await hidden.JsonAsync()).GetProperty("moderationReason").GetString());
        await anyone.WaitForRatingAsync(tour, 4m, 1);
        var list = await anyone.GetJsonAsync($"/api/tours/{tour}/reviews");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == review);
        Assert.Equal(HttpStatusCode.Conflict, (await _factory.Admin().PostAsJsonAsync($"/api/admin/reviews/{review}/hide", new { reason = "again" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.Admin().PostAsJsonAsync($"/api/admin/reviews/{review}/restore", new { reason = "apologised" })).StatusCode);
        await anyone.WaitForRatingAsync(tour, 3.5m, 2);

        // Past 48 hours the author can no longer change it.
        _factory.Clock.Advance(TimeSpan.FromHours(49));
        Assert.Equal(HttpStatusCode.Conflict, (await tourist.PatchAsJsonAsync($"/api/reviews/{review}", new { rating = 5 })).StatusCode);
    }

    [Fact]
    public async Task Review_InParallelOnTwoToursOfOneOperator_EndsWithTheOperatorsWholeRating()
    {
        // Each recount sums the operator's tours under the operator-wide lock (ADR 0024): without it, a recount of one tour
        // could miss a review committing on the other, and the event published last would carry a short operator total.
        var (tour, sibling) = (await _factory.PublishedTourAsync(), await _factory.PublishedTourAsync());
        var bookedTours = new[] { tour, sibling, tour, sibling, tour, sibling, tour, sibling };
        var scheduled = new Dictionary<Guid, Guid>();
        foreach (var t in new[] { tour, sibling })
            scheduled[t] = (await _factory.Operator().ScheduleAsync(t, BookingApi.DepartureBody(EngagementApi.StartsAt))).Id();
        var trips = await Task.WhenAll(bookedTours.Select(t => _factory.PaidBookingAsync(scheduled[t])));
        await _factory.CompleteTripsAsync(_factory.Clock, trips.Select(t => t.Booking.Id()).ToArray());

        // tour: 5, 4, 5, 3 (4.25); sibling: 2, 3, 1, 4 (2.5); the operator: 27 / 8 = 3.375.
        int[] ratings = [5, 2, 4, 3, 5, 1, 3, 4];
        await Task.WhenAll(trips.Select((t, i) => t.Tourist.ReviewedAsync(t.Booking.Id(), ratings[i])));

        var anyone = _factory.CreateClient();
        await anyone.WaitForRatingAsync(tour, 4.25m, 4);
        await anyone.WaitForRatingAsync(sibling, 2.5m, 4);
        // Discovery's cache may answer a replaced rating for a moment after the event (its second drop): poll, do not read once.
        foreach (var t in new[] { tour, sibling })
            await BookingApi.EventuallyAsync(async () => OperatorRating(await anyone.GetJsonAsync($"/api/tours/{t}")) == (3.38m, 8), "the operator rated 3.38 by 8");
    }

    [PostgresFact]
    public async Task Recount_OfAnotherTourOfTheOperator_WaitsForTheFirstAndPublishesTheWholeOperatorTotal()
    {
        // The race the parallel reviews above can only hit by chance, made certain: the first recount holds its transaction
        // open while the second one, of the operator's other tour, runs. It must wait (ADR 0024's operator-wide lock);
        // without the lock it would finish first, counting the operator without the first review.
        var operatorId = Guid.NewGuid();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        await using var a = _factory.Services.CreateAsyncScope();
        await using var b = _factory.Services.CreateAsyncScope();
        await using var watcher = _factory.Services.CreateAsyncScope();
        var (ratingsA, ratingsB) = (a.ServiceProvider.GetRequiredService<TourRatings>(), b.ServiceProvider.GetRequiredService<TourRatings>());
        foreach (var tour in new[] { first, second }) await ratingsA.EnsureRowAsync(tour, operatorId, CancellationToken.None);
        var (dbA, dbB) = (a.ServiceProvider.GetRequiredService<EngagementDbContext>(), b.ServiceProvider.GetRequiredService<EngagementDbContext>());

        await using var transactionA = await dbA.Database.BeginTransactionAsync();
        await AddReviewAsync(dbA, first, operatorId, 5, now);
        await ratingsA.RecountAsync(first, now, CancellationToken.None);
        await using var transactionB = await dbB.Database.BeginTransactionAsync();
        await AddReviewAsync(dbB, second, operatorId, 3, now);
        var recountB = ratingsB.RecountAsync(second, now, CancellationToken.None);
        var db = watcher.ServiceProvider.GetRequiredService<EngagementDbContext>();
        await BookingApi.EventuallyAsync(async () => recountB.IsCompleted || await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()").SingleAsync() > 0,
            "the second recount finished or waits for a lock");
        await dbA.SaveChangesAsync();
        await transactionA.CommitAsync();
        await recountB;
        await dbB.SaveChangesAsync();
        await transactionB.CommitAsync();

        var published = Assert.Single(await _factory.EventsAsync("rating.changed", second));
        Assert.Equal(2, published.GetProperty("operatorCount").GetInt32());
        Assert.Equal(4m, published.GetProperty("operatorAverage").GetDecimal());
    }

    private static async Task AddReviewAsync(EngagementDbContext db, Guid tourId, Guid operatorId, int rating, DateTime now)
    {
        db.Reviews.Add(new Review
        {
            Id = Guid.CreateVersion7(), BookingId = Guid.NewGuid(), TourId = tourId, OperatorId = operatorId, AuthorId = Guid.NewGuid(), Rating = rating,
            Text = "Parallel", CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    private static (decimal Average, int Count) OperatorRating(System.Text.Json.JsonElement tour)
    {
        var rating = tour.GetProperty("operatorRating");
        return (rating.GetProperty("average").GetDecimal(), rating.GetProperty("count").GetInt32());
    }
}
