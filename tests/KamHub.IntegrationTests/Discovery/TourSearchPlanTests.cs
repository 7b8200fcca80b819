using KamHub.Core.Seeding;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// The search's main query shapes, as EF really sends them, use the indexes built for them on a catalog of a few
/// thousand tours: no full scan of tours and no sort of all rows for the default listing.
/// </summary>
public sealed class TourSearchPlanTests : IClassFixture<TourSearchPlanTests.SeededCatalog>
{
    private readonly SeededCatalog _catalog;

    public TourSearchPlanTests(SeededCatalog catalog) => _catalog = catalog;

    public sealed class SeededCatalog : IAsyncLifetime
    {
        public KamHubFactory Factory { get; } = new KamHubFactory().With("KamHub:Cache:Enabled", "false");

        /// <summary>A word only a few tours carry: the selective search the full-text index exists for.</summary>
        public string RareWord { get; } = DiscoveryApi.UniqueWord();

        internal SqlCapture Capture { get; private set; } = null!;

        public string DatabaseMarker => Factory.Database.PlatformConnectionString is { } pg
            ? new NpgsqlConnectionStringBuilder(pg).Database!
            : Factory.Database.DataDir;

        public async Task InitializeAsync()
        {
            var seeder = Factory.Services.GetServices<IBulkSeeder>().Single(s => s.Kind == "tours");
            await seeder.SeedAsync(4000, CancellationToken.None);
            var admin = await Factory.AsAdminAsync();
            for (var i = 0; i < 3; i++)
                await admin.CreatePublishedAsync(DiscoveryApi.TourBody(RareWord, b => b["operatorId"] = KamHub.Discovery.Contracts.DemoOperators.Primary));
            Capture = new SqlCapture(DatabaseMarker);
            // One search to learn the connection string, then fresh statistics for the planner.
            await Factory.CreateClient().GetAsync("/api/tours?limit=1");
            var connection = Capture.Commands.First(c => c.Sql.Contains("tours", StringComparison.Ordinal)).ConnectionString;
            await CapturedCommand.RunAsync(connection, "ANALYZE");
        }

        public Task DisposeAsync()
        {
            Capture.Dispose();
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData("limit=20", "ix_discovery_tours_status_created_at")]
    [InlineData("sort=newest&desc=false&limit=20", "ix_discovery_tours_status_created_at")]
    [InlineData("sort=price&limit=20", "ix_discovery_tours_status_price")]
    [InlineData("sort=price&desc=true&limit=20", "ix_discovery_tours_status_price")]
    [InlineData("sort=duration&limit=20", "ix_discovery_tours_status_duration")]
    public async Task Search_WithSort_PlanWalksTheSortIndex(string query, string index)
    {
        var (first, second) = await PlansOfFirstTwoPagesAsync(query);

        foreach (var plan in new[] { first, second })
        {
            Assert.True(plan.Contains(index, StringComparison.Ordinal), plan);
            AssertNoFullScanOfTours(plan);
            // Rows come out of the index already in order: no sort of every published tour.
            Assert.False(plan.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal) || plan.Contains("Sort Key", StringComparison.Ordinal), plan);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("&sort=price")]
    public async Task Search_WithText_PlanUsesTheFullTextIndex(string sort)
    {
        var (first, second) = await PlansOfFirstTwoPagesAsync($"q={_catalog.RareWord}{sort}&limit=2", withoutSeqScan: true);

        foreach (var plan in new[] { first, second })
        {
            var index = TestDatabase.UsePostgres ? "ix_discovery_tours_fts" : "discovery_tours_fts VIRTUAL TABLE INDEX";
            Assert.True(plan.Contains(index, StringComparison.Ordinal), plan);
            AssertNoFullScanOfTours(plan);
            // Ranking reads the stored search_document column; re-parsing every tour's text is what made common words slow.
            Assert.DoesNotContain("to_tsvector", plan, StringComparison.Ordinal);
        }
    }

    private async Task<(string First, string Second)> PlansOfFirstTwoPagesAsync(string query, bool withoutSeqScan = false)
    {
        var client = _catalog.Factory.CreateClient();
        _catalog.Capture.Clear();
        var (_, cursor) = await client.SearchAsync(query);
        Assert.NotNull(cursor);
        var first = SearchCommand();
        _catalog.Capture.Clear();
        await client.SearchAsync($"{query}&cursor={cursor}");
        var second = SearchCommand();
        Assert.DoesNotContain("OFFSET", first.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("OFFSET", second.Sql, StringComparison.OrdinalIgnoreCase);
        return (await first.ExplainAsync(withoutSeqScan), await second.ExplainAsync(withoutSeqScan));
    }

    private CapturedCommand SearchCommand() =>
        Assert.Single(_catalog.Capture.Commands, c => c.Sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && c.Sql.Contains("tours", StringComparison.Ordinal));

    /// <summary>SQLite says "SCAN t" without an index for a full scan; PostgreSQL says "Seq Scan on tours".</summary>
    private static void AssertNoFullScanOfTours(string plan)
    {
        Assert.False(plan.Contains("Seq Scan on tours", StringComparison.Ordinal), plan);
        foreach (var line in plan.Split('\n'))
        {
            var fullScan = line.TrimStart().StartsWith("SCAN ", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal);
            Assert.False(fullScan, $"full scan in plan:\n{plan}");
        }
    }
}
