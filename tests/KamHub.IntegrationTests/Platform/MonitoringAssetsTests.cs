using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;

namespace KamHub.IntegrationTests.Platform;

/// <summary>
/// The Grafana dashboard and the Prometheus alert rules under deploy/monitoring watch metrics that exist: after a
/// booking journey, every metric name they use is on /metrics (a renamed instrument would leave a panel blank and an
/// alert silent forever).
/// </summary>
public sealed partial class MonitoringAssetsTests : IDisposable
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy", "monitoring");
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Dashboard_EveryPanelHasAPrometheusQuery()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "grafana-dashboard.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();

        Assert.True(panels.Count >= 15, $"{panels.Count} panels");
        Assert.All(panels, p => Assert.Contains(p.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
    }

    [Fact]
    public async Task AlertRules_PassPromtoolCheck()
    {
        // scripts/ensure-tools.sh installs Debian's prometheus package for promtool.
        var result = await ProcessRunner.RunAsync("promtool", ["check", "rules", Path.Combine(Folder, "alerts.yml")]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardAndAlerts_AfterABookingJourney_UseOnlyMetricsOnTheEndpoint()
    {
        var used = UsedMetricNames();
        Assert.Contains("kamhub_events_lag_age_seconds", used);
        Assert.Contains("http_server_request_duration_seconds_bucket", used);
        // The connection pool's metrics come from Npgsql: there are none on SQLite.
        if (!TestDatabase.UsePostgres) used.RemoveWhere(name => name.StartsWith("db_client_", StringComparison.Ordinal));

        var (tourist, booking) = await _factory.HeldBookingAsync(adults: 1);
        Assert.Equal(HttpStatusCode.OK, (await _factory.PressAsync(booking.PaymentId(), "pay")).StatusCode);
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        // A webhook without a signature: rejected and counted.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().PostAsync("/api/payments/webhooks/sandbox", new StringContent("{}"))).StatusCode);

        var missing = used;
        for (var attempt = 0; attempt < 60 && missing.Count > 0; attempt++)
        {
            // Lag gauges are sampled by the maintenance loop, which waits on the test's clock.
            _factory.Clock.Advance(TimeSpan.FromSeconds(16));
            var exposed = Exposed(await _factory.CreateClient().GetStringAsync("/metrics"));
            missing = [.. used.Where(name => !exposed.Contains(name))];
            if (missing.Count > 0) await Task.Delay(250);
        }

        Assert.True(missing.Count == 0, $"used by deploy/monitoring but not on /metrics: {string.Join(", ", missing.Order())}");
    }

    private static HashSet<string> UsedMetricNames()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "grafana-dashboard.json")) + File.ReadAllText(Path.Combine(Folder, "alerts.yml"));
        // Label names look like metric names: drop those grouped by (by (...)) or matched on (name="...").
        var labels = GroupedBy().Matches(text).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))
            .Concat(MatchedLabel().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet();
        return [.. MetricName().Matches(text).Select(m => m.Value).Where(name => !labels.Contains(name))];
    }

    private static HashSet<string> Exposed(string scrape) =>
        [.. scrape.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.IndexOfAny(['{', ' '])])];

    [GeneratedRegex(@"\b(?:kamhub|http_server|db_client)_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\bby \(([a-z_, ]+)\)")]
    private static partial Regex GroupedBy();

    [GeneratedRegex(@"\b([a-z_]+)\s*(?:=~|!=|!~|=)\s*""")]
    private static partial Regex MatchedLabel();
}
