using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// The real <c>kamhub serve</c> process with no payment settings at all: the sandbox's webhook finds its way back to
/// the server's own address over real HTTP, signed with the per-process secret, and confirms the booking.
/// </summary>
public sealed class SandboxServerProcessTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose() => _database.Dispose();

    private static async Task<HttpClient> SignInAsync(ServerProcess server, string email, string password)
    {
        var client = server.Client();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var token = (await login.JsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Pay_OnARealServerWithDefaults_TheWebhookReachesItselfAndConfirmsTheBooking()
    {
        var env = new Dictionary<string, string> { ["KamHub__Seed__DemoPassword"] = KamHubFactory.DemoPassword };
        await using var server = await ServerProcess.StartAsync(_database, env);
        var operatorClient = await SignInAsync(server, "operator@demo.kamhub.local", KamHubFactory.DemoPassword);
        var tourist = await SignInAsync(server, "tourist@demo.kamhub.local", KamHubFactory.DemoPassword);
        var tour = (await operatorClient.CreatePublishedAsync(DiscoveryApi.TourBody())).Id();
        var departure = await operatorClient.ScheduleAsync(tour, BookingApi.DepartureBody(capacity: 4));
        var booking = await tourist.HoldAsync(departure.Id(), adults: 1);

        var request = new HttpRequestMessage(HttpMethod.Post, $"{booking.GetProperty("payment").GetProperty("redirectUrl").GetString()}/pay");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var paid = await server.Client().SendAsync(request);

        Assert.True(paid.StatusCode == HttpStatusCode.OK, $"{paid.StatusCode}: {await paid.Content.ReadAsStringAsync()}\n{server.Output}");
        Assert.Equal("succeeded", (await paid.JsonAsync()).GetProperty("status").GetString());
        await BookingApi.EventuallyAsync(async () => (await tourist.GetFromJsonAsync<JsonElement>($"/api/bookings/{booking.Id()}")).GetProperty("status").GetString() == "confirmed",
            "the booking confirmed on the real server");
    }
}
