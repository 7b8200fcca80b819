using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamHub.IntegrationTests.Payments.Providers.Fakes;

/// <summary>One request as the fake provider received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// A provider stand-in on 127.0.0.1 (Kestrel, port 0): records every request, can be told to fail or hang the next
/// N requests, and otherwise answers with the routes a provider fake maps.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> faults = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private FakeProviderServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToList();

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) =>
        requests.Where(r => string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase)).ToList();

    public static async Task<FakeProviderServer> StartAsync(Action<IEndpointRouteBuilder> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Use(server.RecordAndInjectFaults);
        routes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>The next <paramref name="times"/> requests get this status (after being recorded).</summary>
    public void FailNext(int times, HttpStatusCode status, string body = "{}", string contentType = "application/json")
    {
        for (var i = 0; i < times; i++)
            faults.Enqueue(async ctx =>
            {
                ctx.Response.StatusCode = (int)status;
                ctx.Response.ContentType = contentType;
                await ctx.Response.WriteAsync(body);
            });
    }

    /// <summary>The next <paramref name="times"/> requests get no answer until the client gives up.</summary>
    public void HangNext(int times)
    {
        for (var i = 0; i < times; i++)
            faults.Enqueue(ctx => Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));
    }

    private async Task RecordAndInjectFaults(HttpContext ctx, Func<Task> next)
    {
        ctx.Request.EnableBuffering();
        using var reader = new StreamReader(ctx.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        ctx.Request.Body.Position = 0;
        requests.Enqueue(new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "",
            ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
        if (faults.TryDequeue(out var fault)) await fault(ctx);
        else await next();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
