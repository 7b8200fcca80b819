using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Booking.Contracts;
using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// A departure whose cut-off has passed can no longer be booked, so search and tour details stop offering it (and its
/// seats) from that moment, before it starts. The departure events are published through Booking's outbox as Booking
/// publishes them, carrying the cut-off (bookableUntil). The clock stands at 1 June 2027 00:00 UTC, caches on.
/// </summary>
public sealed class DepartureCutOffSearchTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly BookingFactory _factory = AvailabilityFactory.Create();

    public void Dispose() => _factory.Dispose();

    /// <summary>departure.scheduled with a cut-off, committed in Booking's outbox like Booking's own.</summary>
    private async Task<Guid> ScheduleAsync(Guid tour, DateTimeOffset startsAt, DateTimeOffset? bookableUntil)
    {
        var id = Guid.NewGuid();
        await using var scope = _factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<EventStores>().Find("booking")!;
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(store.ContextType);
        scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(db, id.ToString(),
            new DepartureScheduled(id, tour, Guid.NewGuid(), startsAt, "Asia/Kamchatka", 8, 500_000, "RUB", Now, bookableUntil));
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<(Guid Tour, Guid Closing, Guid Later, string Word)> TourAsync()
    {
        var word = DiscoveryApi.UniqueWord();
        var tour = (await _factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(word))).Id();
        // 10:00 UTC is 22:00 on 1 June in Kamchatka; bookable until two hours before.
        var closing = await ScheduleAsync(tour, Now.AddHours(10), Now.AddHours(8));
        var later = await ScheduleAsync(tour, Now.AddDays(1).AddHours(10), Now.AddDays(1).AddHours(8));
        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour)).Count == 2, "departures projected");
        return (tour, closing, later, word);
    }

    [Fact]
    public async Task Search_WhenTheNextDeparturesCutOffPasses_TheSameCachedSearchShowsTheNextBookableOne()
    {
        var (_, closing, later, word) = await TourAsync();
        var before = await _factory.NextDepartureAsync($"q={word}");

        _factory.Clock.SetUtcNow(Now.AddHours(8).AddSeconds(1)); // past the cut-off, two hours before the start

        var after = await _factory.NextDepartureAsync($"q={word}");
        Assert.Equal(closing, before!.Value.Id());
        Assert.Equal(later, after!.Value.Id());
    }

    [Fact]
    public async Task SearchWithWindow_WhenTheOnlyDepartureInItIsPastItsCutOff_NoLongerOffersIt()
    {
        var (tour, closing, later, word) = await TourAsync();
        var window = $"q={word}&from=2027-06-01&to=2027-06-01";
        Assert.Equal(closing, (await _factory.NextDepartureAsync(window))!.Value.Id());

        _factory.Clock.SetUtcNow(Now.AddHours(9));

        // A cached page of matching tours may keep the tour until the search-window TTL, but offers no departure of it;
        // a window searched afresh no longer matches at all.
        var (items, _) = await _factory.CreateClient().SearchAsync(window);
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("nextDeparture").ValueKind));
        Assert.Empty(await _factory.CreateClient().SearchIdsAsync(window + "&seats=2"));
        Assert.Equal(later, (await _factory.NextDepartureAsync($"q={word}&from=2027-06-02&to=2027-06-02"))!.Value.Id());
        Assert.Equal([tour], await _factory.CreateClient().SearchIdsAsync($"q={word}&from=2027-06-01&to=2027-06-02&seats=2"));
    }

    [Fact]
    public async Task GetTour_WhenADeparturesCutOffPassed_ListsOnlyTheBookableOnes()
    {
        var (tour, _, later, _) = await TourAsync();

        _factory.Clock.SetUtcNow(Now.AddHours(9));

        Assert.Equal([(later, 8)], await _factory.DeparturesShownAsync(tour));
    }

    [Fact]
    public async Task Search_ForADepartureScheduledWithACutOff_StopsOfferingItAtTheCutOff()
    {
        var word = DiscoveryApi.UniqueWord();
        var tour = (await _factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(word))).Id();
        // 08:00 on 2 June in Kamchatka is 20:00 UTC on 1 June; three hours' cut-off closes it at 17:00 UTC.
        await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-06-02T08:00", capacity: 6, change: b => b["cutOffMinutes"] = 180));
        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour)).Count == 1, "departure projected");

        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 17, 0, 1, TimeSpan.Zero));

        Assert.Empty(await _factory.DeparturesShownAsync(tour));
        Assert.Null(await _factory.NextDepartureAsync($"q={word}"));
    }

    [Fact]
    public async Task Search_WhenTheOperatorMovesTheCutOffEarlier_StopsOfferingTheDepartureFromTheNewCutOff()
    {
        var word = DiscoveryApi.UniqueWord();
        var tour = (await _factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(word))).Id();
        var departure = (await _factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody("2027-06-02T08:00", capacity: 6))).Id();
        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour)).Count == 1, "departure projected");
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 17, 0, 0, TimeSpan.Zero)); // three hours before the start

        var patched = await _factory.Operator().PatchAsJsonAsync($"/api/departures/{departure}", new { cutOffMinutes = 240 });

        Assert.True(patched.IsSuccessStatusCode, $"{patched.StatusCode}: {await patched.Content.ReadAsStringAsync()}");
        await BookingApi.EventuallyAsync(async () => (await _factory.DeparturesShownAsync(tour)).Count == 0, "departure closed by its new cut-off");
        Assert.Null(await _factory.NextDepartureAsync($"q={word}"));
    }
}
