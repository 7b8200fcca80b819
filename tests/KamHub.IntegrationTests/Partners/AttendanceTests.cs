using System.Net;
using System.Net.Http.Json;
using KamHub.Booking.Completion;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Engagement;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Partners;

/// <summary>
/// Attendance at the departure (ADR 0020): the operator or the assigned guide marks bookings present or no-show from
/// the start until the grace period after it; a no-show never completes. The departure of 1 Jul 2027 08:00 Kamchatka
/// starts 30 Jun 20:00 UTC and ends four hours later.
/// </summary>
public sealed class AttendanceTests : IDisposable
{
    private static readonly DateTimeOffset DepartureStart = new(2027, 6, 30, 20, 0, 0, TimeSpan.Zero);

    private readonly BookingFactory _factory = new(start: EngagementApi.Start);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Mark_ByTheAssignedGuideOrDriver_KeepsANoShowFromCompleting()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var (tourist, absent) = await _factory.ConfirmedAsync(departure);
        var (_, present) = await _factory.ConfirmedAsync(departure);
        var (guideId, guide) = await _factory.StaffAsync("Guide");
        var (_, otherGuide) = await _factory.StaffAsync("Guide");
        await _factory.Operator().AssignedAsync(departure, guideId);
        var (driverId, driver) = await _factory.StaffAsync("Transfer");
        var (_, otherDriver) = await _factory.StaffAsync("Transfer");
        await _factory.Operator().AssignedAsync(departure, driverId, "transfer");

        // Before the start nothing is marked.
        await DiscoveryApi.AssertProblemAsync(await guide.MarkAsync(absent.Id(), "no-show"), HttpStatusCode.Conflict);
        _factory.Clock.Advance(DepartureStart.AddMinutes(10) - _factory.Clock.GetUtcNow());

        // A guide not on this departure does not see its bookings; the booker may not mark themselves.
        await DiscoveryApi.AssertProblemAsync(await otherGuide.MarkAsync(absent.Id(), "no-show"), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await tourist.MarkAsync(absent.Id(), "no-show"), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await guide.MarkAsync(absent.Id(), "late"), HttpStatusCode.BadRequest, "status");

        // Marked no-show by mistake, corrected, then no-show again: the last mark holds.
        Assert.Equal("no-show", (await (await guide.MarkAsync(present.Id(), "no-show")).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("confirmed", (await (await _factory.Operator().MarkAsync(present.Id(), "present")).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await guide.MarkAsync(absent.Id(), "no-show")).StatusCode);
        // The driver on the departure sees who came to the pickup and marks too (ADR 0023); a driver of another departure cannot.
        var byDriver = await (await driver.MarkAsync(present.Id(), "present")).JsonAsync();
        Assert.Equal((driverId, "confirmed"), (byDriver.GetProperty("markedBy").GetGuid(), byDriver.GetProperty("status").GetString()));
        await DiscoveryApi.AssertProblemAsync(await otherDriver.MarkAsync(present.Id(), "no-show"), HttpStatusCode.NotFound);
        var roster = Assert.Single(await guide.MyAssignmentsAsync()).GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal("no-show", roster.Single(p => p.GetProperty("bookingId").GetGuid() == absent.Id()).GetProperty("attendance").GetString());
        Assert.Single(await _factory.EventsAsync("attendance.marked", absent.Id()));

        // After the grace period: no more marks; after the end, only the present booking completes.
        _factory.Clock.Advance(TimeSpan.FromHours(5));
        await DiscoveryApi.AssertProblemAsync(await guide.MarkAsync(absent.Id(), "present"), HttpStatusCode.Conflict);
        await _factory.Services.GetRequiredService<TripCompleter>().CompleteDueAsync(CancellationToken.None);
        Assert.Equal("completed", await _factory.Operator().StatusAsync(present.Id()));
        Assert.Equal("no-show", await tourist.StatusAsync(absent.Id()));
        Assert.Empty(await _factory.EventsAsync("booking.completed", absent.Id()));
    }
}

internal static class AttendanceApi
{
    public static Task<HttpResponseMessage> MarkAsync(this HttpClient client, Guid bookingId, string status) =>
        client.PostAsJsonAsync($"/api/bookings/{bookingId}/attendance", new { status });
}
