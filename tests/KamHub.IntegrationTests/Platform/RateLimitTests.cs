using System.Net;
using System.Net.Http.Json;
using System.Text;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Identity;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Request-volume limits per client (ASP.NET Core rate limiting): 429 problem+json with Retry-After, never for probes.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ClockedKamHubFactory _factory = new();

    public RateLimitTests() => _factory.With("KamHub:RateLimits:Enabled", "true");

    public void Dispose() => _factory.Dispose();

    private HttpClient From(string address)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        await InputProblems.AssertAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
    }

    [Fact]
    public async Task SignIn_PastTheLimitOfOneAddress_Answers429AndOtherAddressesStillSignIn()
    {
        _factory.With("KamHub:RateLimits:SignIn:PermitLimit", "2");
        var busy = From("203.0.113.7");
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await busy.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);

        await AssertLimitedAsync(await busy.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, (await From("203.0.113.8").LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task AnonymousRequests_PastTheLimitOfOneAddress_Answer429ButProbesAndSignedInUsersPass()
    {
        _factory.With("KamHub:RateLimits:Anonymous:PermitLimit", "3");
        var anonymous = From("203.0.113.9");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/tours?limit=1")).StatusCode);

        await AssertLimitedAsync(await anonymous.GetAsync("/api/tours?limit=1"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        var signedIn = _factory.ClientAs("Tourist");
        signedIn.DefaultRequestHeaders.Add(TestClientAddress.Header, "203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/tours?limit=1")).StatusCode);
    }

    [Fact]
    public async Task CreateBooking_PastTheLimitOfOneUser_Answers429()
    {
        _factory.With("KamHub:RateLimits:Bookings:PermitLimit", "1");
        var departure = await _factory.DepartureAsync();
        var tourist = _factory.Tourist();
        Assert.Equal(HttpStatusCode.Created, (await tourist.BookAsync(BookingApi.BookingBody(departure))).StatusCode);

        await AssertLimitedAsync(await tourist.BookAsync(BookingApi.BookingBody(departure)));
        Assert.Equal(HttpStatusCode.Created, (await _factory.Tourist().BookAsync(BookingApi.BookingBody(departure))).StatusCode);
    }

    [Fact]
    public async Task PaymentWebhooks_PastTheLimitOfOneAddress_Answer429()
    {
        _factory.With("KamHub:RateLimits:Webhooks:PermitLimit", "1");
        var provider = From("198.51.100.1");
        var first = await provider.PostAsync("/api/payments/webhooks/sandbox", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);

        await AssertLimitedAsync(await provider.PostAsync("/api/payments/webhooks/sandbox", new StringContent("{}", Encoding.UTF8, "application/json")));
    }

    [Fact]
    public async Task Limits_WhenTurnedOff_NeverAnswer429()
    {
        _factory.With("KamHub:RateLimits:Enabled", "false").With("KamHub:RateLimits:SignIn:PermitLimit", "1").With("KamHub:RateLimits:Anonymous:PermitLimit", "1");
        var client = From("203.0.113.10");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tours?limit=1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).StatusCode);
        }
    }
}
