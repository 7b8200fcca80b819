using System.Net;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Web;

/// <summary>
/// KamHub with its demo schedule, for the pages. <see cref="Listening"/>: a real Kestrel on loopback for a browser (the
/// pages call the API in process either way); otherwise the in-memory test server.
/// </summary>
public sealed class WebFactory : KamHubFactory
{
    private readonly bool _kestrel;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">More test services (e.g. a subscriber that fails on command), added after the app's.</param>
    public WebFactory(bool kestrel, Action<IServiceCollection>? services = null)
    {
        _kestrel = kestrel;
        _services = services;
        With("KamHub:Booking:DemoDepartures", "true");
        if (kestrel) UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The browser's base address: "localhost" (a secure context, so the Secure session cookie is kept over http).</summary>
    public Uri Listening()
    {
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new Uri($"http://localhost:{address.Port}/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }
}
