using System.Net;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>Readiness follows a real PostgreSQL going away and coming back (its own server, not the shared one).</summary>
public sealed class HealthOutageTests
{
    [PostgresFact]
    public async Task HealthReady_WhenPostgresStopsAndReturns_Goes503ThenBackTo200()
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "pg-test-server.sh");
        var data = Path.Combine(Path.GetTempPath(), "kamhub-outage-" + Guid.NewGuid().ToString("N")[..8]);
        var started = await ProcessRunner.RunAsync("bash", [script, LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture), data]);
        Assert.True(started.ExitCode == 0, started.Output);
        try
        {
            using var factory = new KamHubFactory().With("ConnectionStrings:Platform", started.Output.Trim());
            var client = factory.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

            await ProcessRunner.RunAsync("bash", [script, "pause", data]);
            var down = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            var body = await down.JsonAsync();
            Assert.Contains("database:discovery", body.GetProperty("down").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

            await ProcessRunner.RunAsync("bash", [script, "resume", data]);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await ProcessRunner.RunAsync("bash", [script, "stop", data]);
        }
    }
}
