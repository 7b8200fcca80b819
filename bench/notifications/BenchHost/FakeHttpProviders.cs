using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KamHub.Notifications.BenchHost;

/// <summary>
/// Twilio's and SendGrid's send endpoints played by Kestrel on 127.0.0.1 (random port), answering as the real ones do on
/// success (Twilio 201 with a sid, SendGrid 202 with X-Message-Id) and counting what they accepted.
/// </summary>
internal sealed class FakeHttpProviders : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _accepted;

    private FakeHttpProviders(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public long Accepted => Interlocked.Read(ref _accepted);

    public static async Task<FakeHttpProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var fake = new FakeHttpProviders(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpRequest request) =>
        {
            await request.ReadFormAsync();
            var n = Interlocked.Increment(ref fake._accepted);
            return Results.Json(new { sid = $"SM{n:D32}", status = "queued" }, statusCode: 201);
        });
        app.MapPost("/v3/mail/send", async (HttpRequest request, HttpResponse response) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            var n = Interlocked.Increment(ref fake._accepted);
            response.Headers["X-Message-Id"] = $"sg-{n}";
            response.StatusCode = 202;
        });
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
