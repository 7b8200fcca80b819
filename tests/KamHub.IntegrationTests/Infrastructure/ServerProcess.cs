using System.Collections.Concurrent;
using System.Diagnostics;

namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>
/// The real kamhub executable serving on a free loopback port, as an operator starts it. Output lines are kept
/// so tests can read what the server printed and logged.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output => string.Join('\n', _lines);

    public HttpClient Client() => new() { BaseAddress = Address };

    /// <summary>Starts <c>kamhub serve</c> on the test database and waits until it answers /health/live.</summary>
    public static async Task<ServerProcess> StartAsync(TestDatabase database, IDictionary<string, string>? env = null, params string[] extraArgs)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[RepositoryPaths.KamHubDll, "serve", "--urls", address.ToString(), "--data-dir", database.DataDir, .. extraArgs])
            info.ArgumentList.Add(arg);
        if (database.PlatformConnectionString is { } pg) info.Environment["ConnectionStrings__Platform"] = pg;
        // Load from one loopback address far beyond any client's rate; RateLimitTests turn the limits on.
        info.Environment["KamHub__RateLimits__Enabled"] = "false";
        // As in KamHubFactory: tests count their own departures, bookings and messages; the demo schedule is opt-in.
        info.Environment["KamHub__Booking__DemoDepartures"] = "false";
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var server = new ServerProcess(Process.Start(info)!, address);
        await server.WaitUntilLiveAsync();
        return server;
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = Client();
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException("kamhub exited during start:\n" + Output);
            try
            {
                if ((await client.GetAsync("/health/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("kamhub did not become live:\n" + Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
