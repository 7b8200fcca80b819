using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// Booking and Discovery together with the cache on and every region's TTL an hour: whatever a test sees change
/// came through an event and an invalidation, not through an entry running out.
/// </summary>
internal static class AvailabilityFactory
{
    public static BookingFactory Create()
    {
        var factory = new BookingFactory(start: new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
        factory.With("KamHub:Cache:Enabled", "true").With("KamHub:Cache:DefaultTtlSeconds", "3600");
        foreach (var region in new[] { "search", "search-window", "departures", "tours" }) factory.With($"KamHub:Cache:Regions:{region}:TtlSeconds", "3600");
        return factory;
    }

    /// <summary>A published tour carrying <paramref name="word"/> with one departure per start given (Kamchatka wall clock).</summary>
    public static async Task<(Guid Tour, List<Guid> Departures)> TourWithDeparturesAsync(this BookingFactory factory, string word, int capacity,
        params string[] starts)
    {
        var tour = (await factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody(word, b => b["tags"] = new[] { word }))).Id();
        var departures = new List<Guid>();
        foreach (var start in starts) departures.Add((await factory.Operator().ScheduleAsync(tour, BookingApi.DepartureBody(start, capacity: capacity))).Id());
        await BookingApi.EventuallyAsync(async () => (await DeparturesShownAsync(factory, tour)).Count == starts.Length, "departures projected into Discovery");
        return (tour, departures);
    }

    /// <summary>The tour details' departures list: (id, seats left), soonest first.</summary>
    public static async Task<List<(Guid Id, int SeatsLeft)>> DeparturesShownAsync(this BookingFactory factory, Guid tour)
    {
        var details = await factory.CreateClient().GetJsonAsync($"/api/tours/{tour}");
        return details.GetProperty("departures").EnumerateArray().Select(d => (d.Id(), d.GetProperty("seatsLeft").GetInt32())).ToList();
    }

    /// <summary>The one search result's next departure, or null when it has none.</summary>
    public static async Task<JsonElement?> NextDepartureAsync(this BookingFactory factory, string query)
    {
        var (items, _) = await factory.CreateClient().SearchAsync(query);
        var next = Assert.Single(items).GetProperty("nextDeparture");
        return next.ValueKind == JsonValueKind.Null ? null : next;
    }

    public static async Task<long> LagAsync(this BookingFactory factory, string subscriber)
    {
        var subscriptions = await factory.Admin().GetJsonAsync("/api/admin/subscriptions");
        return subscriptions.EnumerateArray().Single(s => s.GetProperty("name").GetString() == subscriber).GetProperty("lagEvents").GetInt64();
    }

    public static async Task<JsonElement> ReplayAsync(this BookingFactory factory, string subscriber, long fromPosition, long toPosition)
    {
        var response = await factory.Admin().PostAsJsonAsync($"/api/admin/subscriptions/{subscriber}/replay",
            new { module = "booking", fromPosition, toPosition });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}
