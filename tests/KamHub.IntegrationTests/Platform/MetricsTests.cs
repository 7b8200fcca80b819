using KamHub.Core.Data;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Platform;

public sealed class MetricsTests : IDisposable
{
    private readonly KamHubFactory _factory = new KamHubFactory().With("KamHub:Database:SlowQueryThresholdMs", "50");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Metrics_AfterRequests_ExposesHttpAndDbSeriesInPrometheusText()
    {
        var client = _factory.CreateClient();
        await client.GetAsync("/health/ready");

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("kamhub_db_command_duration_seconds_count{module=\"discovery\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowQuery_OverThreshold_IsCountedPerModule()
    {
        var database = _factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Find("Discovery")!;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            var slowSql = context.Database.IsSqlite()
                ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) FROM n"
                : "SELECT pg_sleep(0.2)";
            await context.Database.ExecuteSqlRawAsync(slowSql);
        }

        var text = await _factory.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("kamhub_db_slow_queries_total{module=\"discovery\"}", text, StringComparison.Ordinal);
    }
}
