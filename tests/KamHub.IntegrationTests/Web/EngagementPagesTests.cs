using System.Net;
using System.Net.Http.Json;
using KamHub.Engagement.Data;
using KamHub.IntegrationTests.Discovery;
using Microsoft.Extensions.DependencyInjection;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;
using static KamHub.IntegrationTests.Web.EngagementPagesFixture;

namespace KamHub.IntegrationTests.Web;

/// <summary>The desk's attendance marks, the points page and the conversations page over HTTP.</summary>
[Collection(EngagementPagesCollection.Name)]
public sealed class EngagementPagesTests(EngagementPagesFixture fixture)
{
    [Fact]
    public async Task DeskDeparture_MarksNoShowAndPresentFromTheStart_ShowsTheMarkRecorded_PastTheGracePeriodTheRefusalShowsBesideTheBooking()
    {
        var (departure, booking, startsAt) = fixture.ToAttend;
        var desk = await fixture.PagesAsAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        var page = $"/desk/departures/{departure}";
        Assert.DoesNotContain("handler=Attendance", await desk.GetStringAsync(page), StringComparison.Ordinal);

        fixture.Clock.Advance(startsAt.AddMinutes(10) - fixture.Clock.GetUtcNow());
        var marked = $"<span id=\"attendance-{booking}\">";
        Assert.Contains(marked + "Not marked</span>", await desk.GetStringAsync(page), StringComparison.Ordinal);
        var noShow = await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "no-show"));
        Assert.Equal(HttpStatusCode.Redirect, noShow.StatusCode);
        var tourist = await fixture.Factory.AsDemoAsync("tourist");
        Assert.Equal("no-show", await tourist.StatusAsync(booking));
        Assert.Contains(marked + "No-show</span>", await desk.GetStringAsync(page), StringComparison.Ordinal);
        var bad = await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "maybe"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains($"id=\"attendance-{booking}-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "present"))).StatusCode);
        Assert.Equal("confirmed", await tourist.StatusAsync(booking));
        Assert.Equal("present", (await tourist.GetJsonAsync($"/api/bookings/{booking}")).GetProperty("attendance").GetString());
        Assert.Contains(marked + "Present</span>", await desk.GetStringAsync(page), StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromHours(3));
        var late = await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "no-show"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var refused = await late.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"attendance-{booking}-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("can no longer be marked", refused, StringComparison.Ordinal);
        Assert.Equal("confirmed", await tourist.StatusAsync(booking));
    }

    [Fact]
    public async Task PointsPage_ShowsWhatIsOwedOnlyWhenSomethingIs()
    {
        var guide = await fixture.PagesAsAsync("guide@demo.kamhub.local", KamHubFactory.DemoPassword);
        Assert.DoesNotContain("id=\"points-owed\"", await guide.GetStringAsync("/me/points"), StringComparison.Ordinal);

        // A late payment's retake beyond the balance (ADR 0019), written as the ledger writes it.
        var guideId = (await (await fixture.Factory.AsDemoAsync("guide")).GetJsonAsync("/api/me")).Id();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.PointsEntries.Add(new PointsEntry
            {
                Id = Guid.CreateVersion7(), UserId = guideId, BookingId = Guid.NewGuid(), Kind = PointsEntry.Retaken, Points = -150,
                CreatedAt = fixture.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        Assert.Contains("id=\"points-owed\">150</strong>", await guide.GetStringAsync("/me/points"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationsPage_ListsTheUsersConversationsWithUnreadCounts_LinkingToTheirMessages()
    {
        var pages = await fixture.PagesAsAsync("tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        var tourist = await fixture.Factory.AsDemoAsync("tourist");
        var desk = await fixture.Factory.AsDemoAsync("operator");
        var booking = fixture.ToModerate.Booking;
        Assert.Contains("href=\"/me/conversations\"", await pages.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"conversation-{booking}\"", await pages.GetStringAsync("/me/conversations"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await tourist.PostAsJsonAsync($"/api/bookings/{booking}/messages", new { text = "Where do we meet?" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await desk.PostAsJsonAsync($"/api/bookings/{booking}/messages", new { text = "At the harbour." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await desk.PostAsJsonAsync($"/api/bookings/{booking}/messages", new { text = "Bring boots." })).StatusCode);

        var page = await pages.GetStringAsync("/me/conversations");
        var row = page[page.IndexOf($"id=\"conversation-{booking}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/bookings/{booking}/messages\"", row, StringComparison.Ordinal);
        Assert.Contains("2 unread", row, StringComparison.Ordinal);

        // The operator's side: the same conversation, nothing unread (it wrote last).
        var operatorPage = await (await fixture.PagesAsAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword)).GetStringAsync("/me/conversations");
        var operatorRow = operatorPage[operatorPage.IndexOf($"id=\"conversation-{booking}\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("unread", operatorRow[..operatorRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    /// <summary>
    /// The conversation page's live parts as plain HTTP (the stream itself is shown in a real browser, EngagementBrowserTests:
    /// the in-memory server hands over no answer before it ends): the relay wants a session and passes only the API's
    /// answer for the person signed in, and the list the page's script fetches is the page's own list, without the layout.
    /// </summary>
    [Fact]
    public async Task ConversationLiveParts_TheRelayWantsASessionAndTheApisAccess_TheListIsThePagesOwn()
    {
        var booking = fixture.Booking;
        var live = $"/bookings/{booking}/messages/live";
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync(live)).StatusCode);
        // The demo guide is not this trip's guide: the API answers 404, and so does the relay, with no stream.
        var outsider = await fixture.PagesAsAsync("guide@demo.kamhub.local", KamHubFactory.DemoPassword);
        var refused = await outsider.GetAsync(live);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.NotEqual("text/event-stream", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/bookings/{booking}/messages?handler=List")).StatusCode);

        var tourist = await fixture.Factory.AsDemoAsync("tourist");
        Assert.Equal(HttpStatusCode.Created, (await tourist.PostAsJsonAsync($"/api/bookings/{booking}/messages", new { text = "Is lunch included?" })).StatusCode);
        var pages = await fixture.PagesAsAsync("tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        var list = await pages.GetStringAsync($"/bookings/{booking}/messages?handler=List");
        Assert.Contains("Is lunch included?", list, StringComparison.Ordinal);
        Assert.Contains("class=\"messages\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", list, StringComparison.Ordinal);
        Assert.Contains("data-live=\"/bookings/" + booking + "/messages/live\"", await pages.GetStringAsync($"/bookings/{booking}/messages"), StringComparison.Ordinal);
    }
}
