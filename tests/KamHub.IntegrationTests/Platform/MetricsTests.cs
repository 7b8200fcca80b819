using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>What a Prometheus server scraping /metrics sees after real traffic.</summary>
public sealed partial class MetricsTests : IDisposable
{
    private readonly KamHubFactory _factory = new KamHubFactory().With("KamHub:Database:SlowQueryThresholdMs", "0");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Metrics_AfterRequests_ShowHttpDurationHistogram()
    {
        var client = _factory.CreateClient();
        (await client.GetAsync("/api/tours?limit=1")).EnsureSuccessStatusCode();

        var metrics = await ScrapeAsync(client);

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.True(Sum(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/tours\"") >= 1, metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterQueries_ShowDbCommandHistogramAndSlowQueriesPerModule()
    {
        var client = _factory.CreateClient();
        var before = Sum(await ScrapeAsync(client), "kamhub_db_slow_queries_total", "module=\"discovery\"");
        (await client.GetAsync(UniqueSearch())).EnsureSuccessStatusCode();

        var metrics = await ScrapeAsync(client);

        Assert.Contains("# TYPE kamhub_db_command_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.True(Sum(metrics, "kamhub_db_command_duration_seconds_count", "module=\"discovery\"") >= 1, metrics);
        // The threshold is 0 ms here, so every command counts as slow.
        Assert.True(Sum(metrics, "kamhub_db_slow_queries_total", "module=\"discovery\"") > before, metrics);
    }

    [Fact]
    public async Task Metrics_AfterRepeatedSearch_CountCacheMissThenHitsForTheSearchRegion()
    {
        var client = _factory.CreateClient();
        var query = UniqueSearch();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(query)).StatusCode);

        var metrics = await ScrapeAsync(client);

        Assert.True(Sum(metrics, "kamhub_cache_misses_total", "region=\"search\"") >= 1, metrics);
        Assert.True(Sum(metrics, "kamhub_cache_hits_total", "region=\"search\"") >= 2, metrics);
    }

    [Fact]
    public async Task Metrics_OfTwoHostsInOneProcess_CountOnlyTheirOwnTraffic()
    {
        using var other = new KamHubFactory();
        var otherClient = other.CreateClient();
        var region = "region=\"search\"";
        var otherBefore = Sum(await ScrapeAsync(otherClient), "kamhub_cache_misses_total", region);

        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++) (await client.GetAsync(UniqueSearch())).EnsureSuccessStatusCode();

        Assert.True(Sum(await ScrapeAsync(client), "kamhub_cache_misses_total", region) >= 3);
        Assert.Equal(otherBefore, Sum(await ScrapeAsync(otherClient), "kamhub_cache_misses_total", region));
    }

    /// <summary>A search no other test asked for, so its first lookup is a cache miss.</summary>
    private static string UniqueSearch() => "/api/tours?minPrice=" + Random.Shared.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture);

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Adds up the samples of one metric whose labels contain <paramref name="label"/> (0 when there are none).</summary>
    private static double Sum(string metrics, string name, string label) => Sample().Matches(metrics)
        .Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
        .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
