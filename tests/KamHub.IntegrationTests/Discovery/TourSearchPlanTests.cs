using System.Text.Json;
using KamHub.Core.Seeding;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// The search's main query shapes, as EF really sends them, use the indexes built for them on a catalog of a few
/// thousand tours: no full scan of tours and no sort of all rows for the default listing. The SQL search serves when the
/// in-memory index is off (KamHub:SearchIndex:Enabled=false, ADR 0026), so these tests run with it off.
/// </summary>
public sealed class TourSearchPlanTests : IClassFixture<TourSearchPlanTests.SeededCatalog>
{
    private readonly SeededCatalog _catalog;

    public TourSearchPlanTests(SeededCatalog catalog) => _catalog = catalog;

    public sealed class SeededCatalog : IAsyncLifetime
    {
        public KamHubFactory Factory { get; } = new KamHubFactory().With("KamHub:Cache:Enabled", "false").With("KamHub:SearchIndex:Enabled", "false");

        /// <summary>A word only a few tours carry: the selective search the full-text index exists for.</summary>
        public string RareWord { get; } = DiscoveryApi.UniqueWord();

        internal SqlCapture Capture { get; private set; } = null!;

        public string DatabaseMarker => Factory.Database.ConnectionMarker;

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
            await CapturedCommand.RunAsync(connection, TestDatabase.UsePostgres ? PostgresDepartures : SqliteDepartures);
            await CapturedCommand.RunAsync(connection, "ANALYZE");
        }

        /// <summary>Two departures per tour in Discovery's projection, spread over 2027 (what Booking's events would have built).</summary>
        private const string PostgresDepartures =
            "INSERT INTO discovery.departures (departure_id, tour_id, starts_at, starts_local, capacity, seats_left, cancelled, schedule_position, seats_position, updated_at) " +
            "SELECT gen_random_uuid(), t.id, d.at, d.at + interval '12 hours', 12, (n * 7) % 13, false, 1, 1, now() FROM discovery.tours t CROSS JOIN generate_series(1, 2) n " +
            "CROSS JOIN LATERAL (SELECT timestamptz '2027-01-01 00:00:00+00' + (abs(hashtext(t.id::text || n)) % 365) * interval '1 day' AS at) d";

        private const string SqliteDepartures =
            "INSERT INTO discovery_departures (departure_id, tour_id, starts_at, starts_local, capacity, seats_left, cancelled, schedule_position, seats_position, updated_at) " +
            "SELECT upper(hex(randomblob(16))), t.id, datetime('2027-01-01', '+' || (abs(random()) % 365) || ' days'), " +
            "datetime('2027-01-01', '+' || (abs(random()) % 365) || ' days'), 12, (n.n * 7) % 13, 0, 1, 1, '2026-11-23 00:00:00' " +
            "FROM discovery_tours t CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) n";

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

    [Theory]
    [InlineData("from=2027-03-01&to=2027-03-14&limit=20")]
    [InlineData("from=2027-03-01T00:00:00Z&to=2027-03-15T00:00:00Z&seats=3&limit=20")]
    [InlineData("from=2027-03-01&to=2027-03-14&sort=price&limit=20")]
    public async Task Search_WithDepartureWindow_PlanUsesADeparturesIndex(string query)
    {
        var (first, second) = await PlansOfFirstTwoPagesAsync(query);

        foreach (var plan in new[] { first, second })
        {
            Assert.True(plan.Contains("ix_discovery_departures_", StringComparison.Ordinal), plan);
            Assert.False(plan.Contains("Seq Scan on departures", StringComparison.Ordinal), plan);
            AssertNoFullScanOfTours(plan);
        }
    }

    [Fact]
    public async Task Search_ColdPage_ReadsTheDeparturesOfAllItsToursInOneStatement()
    {
        var client = _catalog.Factory.CreateClient();
        _catalog.Capture.Clear();
        var (items, _) = await client.SearchAsync("sort=price&limit=20");
        Assert.Equal(20, items.Count);

        // The cache is off here, so every tour's departures come from the database: one statement for the page, not one per tour.
        var reads = _catalog.Capture.Commands.Where(c => c.Sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) &&
            c.Sql.Contains("departures", StringComparison.Ordinal)).ToList();
        Assert.Single(reads);
        // And each tour still gets its own: the seeded tours run twice in 2027.
        Assert.Contains(items, item => item.TryGetProperty("nextDeparture", out var next) && next.ValueKind == JsonValueKind.Object);
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
        // Keyset paging, never OFFSET n; "OFFSET 0" is the planner fence of text-plus-sort searches, which skips nothing.
        Assert.DoesNotContain("OFFSET", first.Sql.Replace("OFFSET 0\n", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("OFFSET", second.Sql.Replace("OFFSET 0\n", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
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
