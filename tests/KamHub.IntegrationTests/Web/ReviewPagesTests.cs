using System.Net;
using System.Net.Http.Json;
using KamHub.Engagement.Data;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Engagement;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KamHub.IntegrationTests.Web.EngagementPagesFixture;

namespace KamHub.IntegrationTests.Web;

/// <summary>The review pages over HTTP: the console's moderation, the desk's replies, report and helpful on the tour page.</summary>
[Collection(EngagementPagesCollection.Name)]
public sealed class ReviewPagesTests(EngagementPagesFixture fixture)
{
    [Fact]
    public async Task Desk_ListsTheOperatorsReviews_RepliesOnce_AnEmptyReplyIsRefusedUnderItsField()
    {
        var desk = await fixture.PagesAsAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        Assert.Contains("href=\"/desk/reviews\"", await desk.GetStringAsync("/desk"), StringComparison.Ordinal);
        var page = await desk.GetStringAsync("/desk/reviews");
        Assert.Contains($"id=\"review-{fixture.Review}\"", page, StringComparison.Ordinal);
        Assert.Contains("Geysers steaming at dawn", page, StringComparison.Ordinal);

        var action = $"/desk/reviews?handler=Reply&reviewId={fixture.Review}";
        var empty = await PostFormAsync(desk, "/desk/reviews", action, ("Text", ""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains($"id=\"reply-{fixture.Review}-error\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(desk, "/desk/reviews", action, ("Text", "Thank you, come back in winter!"))).StatusCode);
        var reviews = Items(await fixture.Anonymous().GetJsonAsync($"/api/tours/{fixture.Tour}/reviews"));
        Assert.Equal("Thank you, come back in winter!", reviews.EnumerateArray().Single(r => r.Id() == fixture.Review).GetProperty("reply").GetProperty("text").GetString());
        page = await desk.GetStringAsync("/desk/reviews");
        Assert.DoesNotContain($"reviewId={fixture.Review}", page, StringComparison.Ordinal);

        // A second reply (a stale page): the API's conflict as a message.
        var again = await PostFormAsync(desk, "/desk/reviews", action, ("Text", "Once more"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("class=\"alert\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_ListsReportedAndRecentReviews_HidesAndRestoresWithAReason_RefusalsShowUnderTheField()
    {
        var booking = fixture.ToModerate.Booking;
        var tourist = await fixture.Factory.AsDemoAsync("tourist");
        var review = (await tourist.ReviewedAsync(booking, 1, "Nobody came to pick us up.")).Id();
        var reporter = fixture.Factory.Tourist();
        Assert.Equal(HttpStatusCode.NoContent, (await reporter.PostAsJsonAsync($"/api/reviews/{review}/report", new { reason = "rude" })).StatusCode);

        var admin = await fixture.PagesAsAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        var console = await admin.GetStringAsync("/console");
        Assert.Contains("href=\"/console/reviews\"", console, StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/console/reviews");
        Assert.Contains($"id=\"reported-{review}\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"recent-{review}\"", page, StringComparison.Ordinal);
        Assert.Contains("Nobody came to pick us up.", page, StringComparison.Ordinal);

        // No reason: refused, the error under this review's reason field; nothing hidden.
        var refused = await PostFormAsync(admin, "/console/reviews", $"/console/reviews?handler=Hide&reviewId={review}", ("Reason", " "));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"id=\"reason-reported-{review}-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(review, await ReviewIdsAsync(booking));

        var hidden = await PostFormAsync(admin, "/console/reviews", $"/console/reviews?handler=Hide&reviewId={review}", ("Reason", "Insults the guide"));
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.DoesNotContain(review, await ReviewIdsAsync(booking));
        page = await admin.GetStringAsync("/console/reviews");
        Assert.Contains("Insults the guide", page, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"Restore reported-{review}\"", page, StringComparison.Ordinal);

        // Hidden twice: the API's conflict, shown as a message, not an error page.
        var twice = await PostFormAsync(admin, "/console/reviews", $"/console/reviews?handler=Hide&reviewId={review}", ("Reason", "again"));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("class=\"alert\"", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = await PostFormAsync(admin, "/console/reviews", $"/console/reviews?handler=Hide&reviewId={Guid.NewGuid()}", ("Reason", "x"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var restored = await PostFormAsync(admin, "/console/reviews", $"/console/reviews?handler=Restore&reviewId={review}", ("Reason", "Apologised"));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains(review, await ReviewIdsAsync(booking));

        // Not for tourists.
        var visitor = await fixture.PagesAsAsync("tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync("/console/reviews")).StatusCode);
    }

    [Fact]
    public async Task TourPage_SignedInVisitorsMarkHelpfulAndReport_AnonymousOnesGetASignInLinkAndNoAntiforgeryCookie()
    {
        var page = $"/tours/{fixture.TourSlug}";
        var anonymous = await fixture.Anonymous().GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain(anonymous.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
        var html = await anonymous.Content.ReadAsStringAsync();
        Assert.Contains("id=\"sign-in-to-react\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);

        // Its author may not vote for it: no button under it (the API marks the reader's own reviews), and a stale form
        // gets the API's refusal under the review.
        var author = await fixture.PagesAsAsync("tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        var helpfulForm = $"aria-label=\"Helpful {fixture.Review}\"";
        Assert.DoesNotContain(helpfulForm, await author.GetStringAsync(page), StringComparison.Ordinal);
        Assert.True(Mine(await (await fixture.Factory.AsDemoAsync("tourist")).GetJsonAsync($"/api/tours/{fixture.Tour}/reviews?limit=100")));
        Assert.False(Mine(await fixture.Anonymous().GetJsonAsync($"/api/tours/{fixture.Tour}/reviews?limit=100")));
        Assert.False(Mine(await (await fixture.Factory.AsDemoAsync("guide")).GetJsonAsync($"/api/tours/{fixture.Tour}/reviews?limit=100")));
        var own = await PostFormAsync(author, page, $"{page}?handler=Helpful&reviewId={fixture.Review}");
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains($"id=\"review-{fixture.Review}-error\"", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var guide = await fixture.PagesAsAsync("guide@demo.kamhub.local", KamHubFactory.DemoPassword);
        var guidesPage = await guide.GetStringAsync(page);
        Assert.DoesNotContain("id=\"sign-in-to-react\"", guidesPage, StringComparison.Ordinal);
        Assert.Contains(helpfulForm, guidesPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(guide, page, $"{page}?handler=Helpful&reviewId={fixture.Review}")).StatusCode);
        Assert.Contains("Helpful to 1", await guide.GetStringAsync(page), StringComparison.Ordinal);

        var tooLong = await PostFormAsync(guide, page, $"{page}?handler=Report&reviewId={fixture.Review}", ("ReportReason", new string('x', 501)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains($"id=\"report-{fixture.Review}-error\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reported = await PostFormAsync(guide, page, $"{page}?handler=Report&reviewId={fixture.Review}", ("ReportReason", "Mentions a guide by full name"));
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Contains("Thank you", await guide.GetStringAsync(reported.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var admin = await fixture.Factory.AsAdminAsync();
        Assert.Contains(fixture.Review, Items(await admin.GetJsonAsync("/api/admin/reviews/reported?limit=100")).EnumerateArray().Select(r => r.Id()));
        var unknown = await PostFormAsync(guide, page, $"{page}?handler=Report&reviewId={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ReviewForm_TakesOptionalAspects_RefusesABadOneUnderItsField_AndEditsTheReviewWithinTheWindowOnly()
    {
        var booking = fixture.ToReview.Booking;
        var page = $"/bookings/{booking}/review";
        var tourist = await fixture.PagesAsAsync("tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        Assert.Contains("id=\"aspect-safety\"", await tourist.GetStringAsync(page), StringComparison.Ordinal);

        var bad = await PostFormAsync(tourist, page, page, ("Rating", "5"), ("Text", "Whales!"), ("GuideRating", "9"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"aspect-guide-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostFormAsync(tourist, page, page, ("Rating", "5"), ("Text", "Whales!"), ("GuideRating", "4"), ("SafetyRating", "5"))).StatusCode);
        var api = await fixture.Factory.AsDemoAsync("tourist");
        var review = await api.GetJsonAsync($"/api/bookings/{booking}/review");
        Assert.Equal((4, 5), (review.GetProperty("aspects").GetProperty("guide").GetInt32(), review.GetProperty("aspects").GetProperty("safety").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, review.GetProperty("aspects").GetProperty("value").ValueKind);

        // Written: the same page edits it, filled in with what was written.
        var edit = await tourist.GetStringAsync(page);
        Assert.Contains("Edit your review", edit, StringComparison.Ordinal);
        Assert.Contains(">Whales!</textarea>", edit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(tourist, page, page, ("Rating", "3"), ("Text", "Whales, but rain."), ("GuideRating", "4"))).StatusCode);
        review = await api.GetJsonAsync($"/api/bookings/{booking}/review");
        Assert.Equal((3, "Whales, but rain.", 4), (review.GetProperty("rating").GetInt32(), review.GetProperty("text").GetString(),
            review.GetProperty("aspects").GetProperty("guide").GetInt32()));

        fixture.Clock.Advance(TimeSpan.FromHours(49));
        var late = await PostFormAsync(tourist, page, page, ("Rating", "1"), ("Text", "Changed my mind"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("48 hours", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, (await api.GetJsonAsync($"/api/bookings/{booking}/review")).GetProperty("rating").GetInt32());
        // Nobody else reads the booking's review.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Factory.Tourist().GetAsync($"/api/bookings/{booking}/review")).StatusCode);
    }

    [Fact]
    public async Task DeskAndConsole_ShowFiftyReviewsAPage_TheMoreLinkCarriesTheApisCursorToTheOlderOnes()
    {
        // 51 reviews of the demo operator, older than every other review (their ids' time is 2020), on a tour of their own
        // so that no other test's tour rating or list counts them.
        Guid operatorId;
        var written = new List<Guid>();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            operatorId = (await db.Reviews.SingleAsync(r => r.Id == fixture.Review)).OperatorId;
            var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var tour = Guid.NewGuid();
            for (var i = 0; i < 51; i++)
            {
                var id = Guid.CreateVersion7(at.AddMinutes(i));
                written.Add(id);
                db.Reviews.Add(new Review
                {
                    Id = id, BookingId = Guid.NewGuid(), TourId = tour, OperatorId = operatorId, AuthorId = Guid.NewGuid(), Rating = 3,
                    Text = $"Old review {i:D2}", CreatedAt = at.AddMinutes(i).UtcDateTime,
                });
            }

            await db.SaveChangesAsync();
        }

        var (oldest, newest) = (written[0], written[^1]);
        var desk = await fixture.PagesAsAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        var first = await desk.GetStringAsync("/desk/reviews");
        Assert.Contains($"id=\"review-{newest}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"review-{oldest}\"", first, StringComparison.Ordinal);
        var second = await desk.GetStringAsync(NextLink(first, "rel=\"next\""));
        Assert.Contains($"id=\"review-{oldest}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"review-{newest}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);

        var admin = await fixture.PagesAsAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword);
        first = await admin.GetStringAsync("/console/reviews");
        Assert.Contains($"id=\"recent-{newest}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"recent-{oldest}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"more-reported\"", first, StringComparison.Ordinal);
        second = await admin.GetStringAsync(NextLink(first, "id=\"more-recent\""));
        Assert.Contains($"id=\"recent-{oldest}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"recent-{newest}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"more-recent\"", second, StringComparison.Ordinal);
    }

    /// <summary>The href of the link marked by <paramref name="marker"/> (an attribute of its anchor).</summary>
    private static string NextLink(string html, string marker)
    {
        var anchor = html[..html.IndexOf(marker, StringComparison.Ordinal)];
        anchor = anchor[anchor.LastIndexOf("<a ", StringComparison.Ordinal)..] + html[html.IndexOf(marker, StringComparison.Ordinal)..];
        var href = anchor[(anchor.IndexOf("href=\"", StringComparison.Ordinal) + 6)..];
        return System.Net.WebUtility.HtmlDecode(href[..href.IndexOf('"', StringComparison.Ordinal)]);
    }

    /// <summary>Whether the API marks the fixture's review as the reader's own.</summary>
    private bool Mine(System.Text.Json.JsonElement page) =>
        Items(page).EnumerateArray().Single(r => r.Id() == fixture.Review).GetProperty("mine").GetBoolean();

    /// <summary>The visible reviews of the booking's tour, as the public API lists them.</summary>
    private async Task<List<Guid>> ReviewIdsAsync(Guid booking)
    {
        var tour = (await (await fixture.Factory.AsDemoAsync("tourist")).GetJsonAsync($"/api/bookings/{booking}")).GetProperty("tourId").GetGuid();
        return Items(await fixture.Factory.CreateClient().GetJsonAsync($"/api/tours/{tour}/reviews?limit=100")).EnumerateArray().Select(r => r.Id()).ToList();
    }
}
