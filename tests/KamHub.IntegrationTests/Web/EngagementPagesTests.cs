using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;
using static KamHub.IntegrationTests.Web.EngagementPagesFixture;

namespace KamHub.IntegrationTests.Web;

/// <summary>The desk's attendance marks, the points page and the conversations page over HTTP.</summary>
[Collection(EngagementPagesCollection.Name)]
public sealed class EngagementPagesTests(EngagementPagesFixture fixture)
{
    [Fact]
    public async Task DeskDeparture_MarksNoShowAndPresentFromTheStart_PastTheGracePeriodTheRefusalShowsBesideTheBooking()
    {
        var (departure, booking, startsAt) = fixture.ToAttend;
        var desk = await fixture.PagesAsAsync("operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        var page = $"/desk/departures/{departure}";
        Assert.DoesNotContain("handler=Attendance", await desk.GetStringAsync(page), StringComparison.Ordinal);

        fixture.Clock.Advance(startsAt.AddMinutes(10) - fixture.Clock.GetUtcNow());
        var noShow = await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "no-show"));
        Assert.Equal(HttpStatusCode.Redirect, noShow.StatusCode);
        var tourist = await fixture.Factory.AsDemoAsync("tourist");
        Assert.Equal("no-show", await tourist.StatusAsync(booking));
        Assert.Contains("No-show</span>", await desk.GetStringAsync(page), StringComparison.Ordinal);
        var bad = await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "maybe"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains($"id=\"attendance-{booking}-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "present"))).StatusCode);
        Assert.Equal("confirmed", await tourist.StatusAsync(booking));

        fixture.Clock.Advance(TimeSpan.FromHours(3));
        var late = await PostFormAsync(desk, page, page + "?handler=Attendance", ("booking", booking.ToString()), ("status", "no-show"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var refused = await late.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"attendance-{booking}-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("can no longer be marked", refused, StringComparison.Ordinal);
        Assert.Equal("confirmed", await tourist.StatusAsync(booking));
    }
}
