using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Contracts;

namespace KamHub.IntegrationTests.Booking;

/// <summary>Calls the booking endpoints the way an operator's script or a shop front would.</summary>
internal static class BookingApi
{
    public static HttpClient Operator(this KamHubFactory factory) => factory.ClientAs("Operator", DemoOperators.Primary);

    public static HttpClient Admin(this KamHubFactory factory) => factory.ClientAs("Admin");

    public static HttpClient Tourist(this KamHubFactory factory) => factory.ClientAs("Tourist");

    /// <summary>A published tour of the primary demo operator, priced 5 000.00 RUB per seat.</summary>
    public static async Task<Guid> PublishedTourAsync(this KamHubFactory factory) =>
        (await factory.Operator().CreatePublishedAsync(DiscoveryApi.TourBody())).Id();

    public static Dictionary<string, object?> DepartureBody(string startsAt = "2027-07-01T08:00", string timeZone = "Asia/Kamchatka", int capacity = 12,
        Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?> { ["startsAt"] = startsAt, ["timeZone"] = timeZone, ["capacity"] = capacity };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> ScheduleAsync(this HttpClient client, Guid tourId, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync($"/api/tours/{tourId}/departures", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>A published tour with one departure; returns the departure id.</summary>
    public static async Task<Guid> DepartureAsync(this KamHubFactory factory, int capacity = 12, string startsAt = "2027-07-01T08:00",
        string timeZone = "Asia/Kamchatka")
    {
        var tour = await factory.PublishedTourAsync();
        return (await factory.Operator().ScheduleAsync(tour, DepartureBody(startsAt, timeZone, capacity))).Id();
    }

    public static object BookingBody(Guid departureId, int adults = 1, int children = 0, string email = "guest@example.com") => new
    {
        departureId,
        adults,
        children,
        participants = Enumerable.Range(1, adults + children).Select(i => new { name = $"Guest {i}" }).ToArray(),
        contact = new { email, phone = "+7 900 000-00-00" },
    };

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    /// <summary>Books and fails the test unless the answer is 201; returns the body.</summary>
    public static async Task<JsonElement> HoldAsync(this HttpClient client, Guid departureId, int adults = 1)
    {
        var response = await client.BookAsync(BookingBody(departureId, adults));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<int> SeatsLeftAsync(this KamHubFactory factory, Guid departureId) =>
        (await factory.CreateClient().GetJsonAsync($"/api/departures/{departureId}")).GetProperty("seatsLeft").GetInt32();

    public static async Task<string> StatusAsync(this HttpClient client, Guid bookingId) =>
        (await client.GetJsonAsync($"/api/bookings/{bookingId}")).GetProperty("status").GetString()!;

    /// <summary>payment.succeeded through the bus, as the Payments module will publish it.</summary>
    public static Task PaySucceededAsync(this BookingFactory factory, JsonElement booking, Guid? paymentId = null)
    {
        var id = paymentId ?? Guid.NewGuid();
        return factory.PublishAsync(id.ToString(), new PaymentSucceeded(id, booking.Id(), booking.GetProperty("amount").GetInt64(),
            booking.GetProperty("currency").GetString()!, "test", "ref-" + id.ToString("N")[..8], factory.Clock.GetUtcNow()));
    }

    /// <summary>Events of one type about one aggregate, from the admin history API.</summary>
    public static async Task<List<JsonElement>> EventsAsync(this KamHubFactory factory, string type, Guid aggregateId)
    {
        var page = await factory.Admin().GetJsonAsync($"/api/admin/events?types={type}&aggregateId={aggregateId}&limit=100");
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("payload")).ToList();
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for: {what}");
    }
}
