using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Behind a reverse proxy at 10.0.0.5, the per-address login throttle must see the clients, not the proxy.</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private const string Proxy = "10.0.0.5";
    private readonly KamHubFactory _factory = new KamHubFactory().With("KamHub:Identity:MaxFailuresPerIp", "3");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task LoginThrottle_WhenProxyIsTrusted_CountsEachForwardedClientSeparately()
    {
        _factory.With("KamHub:Http:ForwardedHeaders:KnownProxies:0", Proxy);
        var client = BehindProxy().CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.7", "Wrong-Password-123")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(client, "203.0.113.7", KamHubFactory.AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "198.51.100.9", KamHubFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task LoginThrottle_WhenProxyIsNotTrusted_IgnoresForwardedAddresses()
    {
        var client = BehindProxy().CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.7", "Wrong-Password-123")).StatusCode);

        // A forged X-Forwarded-For from an untrusted sender does not buy a fresh allowance.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(client, "198.51.100.9", KamHubFactory.AdminPassword)).StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string forwardedFor, string password)
    {
        var email = password == KamHubFactory.AdminPassword ? KamHubFactory.AdminEmail : $"user-{Guid.NewGuid():N}@example.com";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    /// <summary>The test server has no socket; every request is made to arrive from the proxy's address.</summary>
    private WebApplicationFactory<Program> BehindProxy() => _factory.WithWebHostBuilder(b =>
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ArriveFrom(IPAddress.Parse(Proxy)))));

    private sealed class ArriveFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
