using System.Globalization;
using KamHub.Core.Seeding;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Discovery;

/// <summary>
/// The in-memory search index (ADR 0026) answers exactly what the SQL search answers: two hosts on one database, one
/// searching its index and one running the SQL (KamHub:SearchIndex:Enabled=false), walk every page of generated
/// searches (every sort, each filter, text in both languages, map circles, departure windows) and must list the same
/// tours in the same order. On PostgreSQL relevance too, down to the rank in the cursors (the index computes ts_rank);
/// on SQLite the SQL ranks with FTS5's bm25, so there only the set of matches is compared.
/// </summary>
public sealed class SearchIndexTests : IClassFixture<SearchIndexTests.Catalogue>
{
    private readonly Catalogue _catalogue;

    public SearchIndexTests(Catalogue catalogue) => _catalogue = catalogue;

    public sealed class Catalogue : IAsyncLifetime
    {
        public KamHubFactory Factory { get; } = new KamHubFactory().With("KamHub:Cache:Enabled", "false");

        /// <summary>The same database, searched with SQL.</summary>
        public WebApplicationFactory<Program> Sql { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Factory.Services.GetServices<IBulkSeeder>().Single(s => s.Kind == "tours").SeedAsync(2500, CancellationToken.None);
            // Ratings on about a third of the tours, departures over the next 200 days on about half (raw SQL, as another
            // writer would: the index learns of them through the change feed).
            await SearchIndexSql.RunAsync(Factory, TestDatabase.UsePostgres
                ? "UPDATE discovery.tours SET rating_hundredths = 250 + abs(hashtext(id::text)) % 250, rating_count = 1 + abs(hashtext(id::text)) % 7 WHERE abs(hashtext(id::text)) % 3 = 0"
                : "UPDATE discovery_tours SET rating_hundredths = 250 + abs(random()) % 250, rating_count = 1 + abs(random()) % 7 WHERE abs(random()) % 3 = 0");
            await SearchIndexSql.RunAsync(Factory, TestDatabase.UsePostgres
                ? "INSERT INTO discovery.departures (departure_id, tour_id, starts_at, starts_local, capacity, seats_left, cancelled, schedule_position, seats_position, updated_at) " +
                  "SELECT gen_random_uuid(), t.id, d.at, d.at + interval '12 hours', 12, (n * 5) % 13, false, 1, 1, now() FROM discovery.tours t CROSS JOIN generate_series(1, 3) n " +
                  "CROSS JOIN LATERAL (SELECT date_trunc('hour', now()) + (1 + abs(hashtext(t.id::text || n)) % 200) * interval '1 day' AS at) d WHERE abs(hashtext(t.id::text)) % 2 = 0"
                : "INSERT INTO discovery_departures (departure_id, tour_id, starts_at, starts_local, capacity, seats_left, cancelled, schedule_position, seats_position, updated_at) " +
                  "SELECT upper(hex(randomblob(16))), t.id, d.at, datetime(d.at, '+12 hours'), 12, (n.n * 5) % 13, 0, 1, 1, datetime('now') " +
                  "FROM discovery_tours t CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) n " +
                  "CROSS JOIN (SELECT strftime('%Y-%m-%d %H:00:00', 'now', '+' || (1 + abs(random()) % 200) || ' days') AS at) d WHERE abs(random()) % 2 = 0");
            Sql = Factory.WithWebHostBuilder(b => b.UseSetting("KamHub:SearchIndex:Enabled", "false"));
        }

        public Task DisposeAsync()
        {
            Sql.Dispose();
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<int> Batches() => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Batches))]
    public async Task Search_OnTheIndex_ListsWhatTheSqlSearchLists(int batch)
    {
        var index = _catalogue.Factory.CreateClient();
        var sql = _catalogue.Sql.CreateClient();
        var compared = 0;
        foreach (var query in GeneratedQueries().Where((_, i) => i % 4 == batch))
        {
            var fromIndex = await WalkAsync(index, query);
            var fromSql = await WalkAsync(sql, query);
            Assert.True(fromIndex.Ids.Count == fromIndex.Ids.Distinct().Count(), $"a tour repeats across pages of {query}");
            var relevance = query.Contains("q=", StringComparison.Ordinal) && !query.Contains("sort=", StringComparison.Ordinal);
            if (relevance && !TestDatabase.UsePostgres)
            {
                Assert.Equal(fromSql.Ids.Order(), fromIndex.Ids.Order());
            }
            else
            {
                Assert.True(fromSql.Ids.SequenceEqual(fromIndex.Ids), $"{query}: SQL {fromSql.Ids.Count} tours, index {fromIndex.Ids.Count}, first difference at " +
                    $"{fromSql.Ids.Zip(fromIndex.Ids).TakeWhile(p => p.First == p.Second).Count()}");
                // The SQL pages a map search in rounds and may end a page early; elsewhere the pages end at the same rows,
                // so the cursors (which carry ts_rank's value on relevance) are the same strings.
                if (!query.Contains("near=", StringComparison.Ordinal)) Assert.Equal(fromSql.Cursors, fromIndex.Cursors);
            }

            compared += fromIndex.Ids.Count;
        }

        Assert.True(compared > 500, $"only {compared} tours compared: the generated searches match too little");
    }

    [Fact]
    public async Task Search_WithTheIndex_SeesAWriteMadeThroughAnotherInstanceAtOnce()
    {
        var word = DiscoveryApi.UniqueWord();
        var searching = _catalogue.Factory.CreateClient();
        await searching.SearchIdsAsync("q=volcano&limit=1"); // loaded before the write
        await using var other = _catalogue.Factory.WithWebHostBuilder(_ => { });
        // The other instance validates the token this one minted (the same signing key in the data directory).
        var writer = other.CreateClient();
        writer.DefaultRequestHeaders.Authorization = _catalogue.Factory.ClientAs("Operator", DemoOperators.Primary).DefaultRequestHeaders.Authorization;

        var tour = await writer.CreatePublishedAsync(DiscoveryApi.TourBody(word, b => b["basePrice"] = 1L));
        Assert.Equal([tour.Id()], await searching.SearchIdsAsync($"q={word}"));
        Assert.Equal(tour.Id(), (await searching.SearchIdsAsync("sort=price&limit=1"))[0]);

        Assert.True((await writer.PostAsync($"/api/tours/{tour.Id()}/archive", null)).IsSuccessStatusCode);
        Assert.Empty(await searching.SearchIdsAsync($"q={word}"));
    }

    [Fact]
    public async Task Search_WithTheIndex_SeesRowsWrittenOutsideTheApi()
    {
        var word = DiscoveryApi.UniqueWord();
        var client = _catalogue.Factory.CreateClient();
        var tour = await (await _catalogue.Factory.AsAdminAsync()).CreatePublishedAsync(DiscoveryApi.TourBody(word, b => b["operatorId"] = DemoOperators.Primary));
        // Two words are ranked from each word's list of documents (LexemeDocs), which every change rebuilds.
        Assert.Equal([tour.Id()], await client.SearchIdsAsync($"q=tour+{word}"));
        var from = DateTime.UtcNow.Date.AddDays(300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateTime.UtcNow.Date.AddDays(301).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Empty(await client.SearchIdsAsync($"q={word}&from={from}&to={to}"));

        // A departure, a new title and a price written straight into the tables (a data move or a repair would).
        var tours = TestDatabase.UsePostgres ? "discovery.tours" : "discovery_tours";
        var departures = TestDatabase.UsePostgres ? "discovery.departures" : "discovery_departures";
        var id = TestDatabase.UsePostgres ? $"'{tour.Id()}'" : $"'{tour.Id().ToString().ToUpperInvariant()}'";
        var newWord = DiscoveryApi.UniqueWord();
        var starts = $"'{DateTime.UtcNow.Date.AddDays(300).AddHours(9):yyyy-MM-dd HH:mm:ss}'";
        await SearchIndexSql.RunAsync(_catalogue.Factory,
            $"INSERT INTO {departures} (departure_id, tour_id, starts_at, starts_local, capacity, seats_left, cancelled, schedule_position, seats_position, updated_at) " +
            $"VALUES ('{Guid.NewGuid().ToString().ToUpperInvariant()}', {id}, {starts}, {starts}, 8, 8, {(TestDatabase.UsePostgres ? "false" : "0")}, 1, 1, {starts})");
        Assert.Equal([tour.Id()], await client.SearchIdsAsync($"q={word}&from={from}&to={to}"));
        Assert.Empty(await client.SearchIdsAsync($"q={word}&from={from}&to={to}&seats=9"));

        await SearchIndexSql.RunAsync(_catalogue.Factory, $"UPDATE {tours} SET title_en = 'Renamed {newWord}', base_price_minor = 777 WHERE id = {id}");
        var found = await client.SearchAsync($"q={newWord}");
        Assert.Equal(777, Assert.Single(found.Items).GetProperty("basePrice").GetInt64());
        Assert.Equal([tour.Id()], await client.SearchIdsAsync($"q=renamed+{newWord}&maxPrice=777"));
        Assert.Empty(await client.SearchIdsAsync($"q=tour+{word}"));

        await SearchIndexSql.RunAsync(_catalogue.Factory, $"DELETE FROM {departures} WHERE tour_id = {id}");
        Assert.Empty(await client.SearchIdsAsync($"q={newWord}&from={from}&to={to}"));
        await SearchIndexSql.RunAsync(_catalogue.Factory, $"DELETE FROM {tours} WHERE id = {id}");
        Assert.Empty(await client.SearchIdsAsync($"q={newWord}"));
        Assert.Empty(await client.SearchIdsAsync($"q=renamed+{newWord}"));
    }

    private static async Task<(List<Guid> Ids, List<string?> Cursors)> WalkAsync(HttpClient client, string query)
    {
        var ids = new List<Guid>();
        var cursors = new List<string?>();
        string? cursor = null;
        for (var page = 0; page < 400; page++)
        {
            var (items, next) = await client.SearchAsync(cursor is null ? query : $"{query}&cursor={Uri.EscapeDataString(cursor)}");
            ids.AddRange(items.Select(i => i.Id()));
            cursors.Add(next);
            if (next is null) return (ids, cursors);
            cursor = next;
        }

        throw new InvalidOperationException($"{query}: more than 400 pages");
    }

    /// <summary>Seeded, so a failure names a query that fails again.</summary>
    private static List<string> GeneratedQueries()
    {
        string[] words = ["volcano", "bears", "salmon", "geysers", "valley", "hot", "springs", "caves", "boat", "winter", "вулкан", "медведи", "долина",
            "гейзеров", "рыбалка", "источники", "kamchatka", "4x4", "hot-springs"];
        string[] sorts = ["price", "duration", "newest", "rating"];
        string[] tags = ["volcano", "bears", "hiking", "hot-springs", "boat", "winter", "family"];
        string[] difficulties = ["easy", "moderate", "hard", "extreme"];
        var random = new Random(26);
        var queries = new List<string>();
        for (var i = 0; i < 96; i++)
        {
            var p = new List<string> { $"limit={(i % 3 == 0 ? 40 : 25)}" };
            var text = i % 3 != 2;
            if (text)
            {
                var q = words[random.Next(words.Length)];
                if (random.Next(4) == 0) q += " " + words[random.Next(words.Length)];
                p.Add("q=" + Uri.EscapeDataString(q));
            }

            if (!text || random.Next(3) == 0)
            {
                p.Add("sort=" + sorts[random.Next(sorts.Length)]);
                if (random.Next(3) == 0) p.Add("desc=" + (random.Next(2) == 0 ? "true" : "false"));
            }

            if (random.Next(4) == 0)
            {
                var low = random.Next(20, 200) * 10_000;
                p.Add($"minPrice={low}&maxPrice={low + random.Next(50, 900) * 10_000}");
            }

            if (random.Next(5) == 0) p.Add($"minDuration={random.Next(1, 10) * 60}&maxDuration={random.Next(10, 100) * 60}");
            if (random.Next(5) == 0) p.Add("difficulty=" + difficulties[random.Next(difficulties.Length)]);
            if (random.Next(5) == 0) p.Add("tags=" + tags[random.Next(tags.Length)]);
            if (random.Next(8) == 0) p.Add("minRating=" + (2.5 + random.Next(0, 5) / 2.0).ToString(CultureInfo.InvariantCulture));
            if (random.Next(8) == 0) p.Add("region=kamchatka");
            if (random.Next(6) == 0)
            {
                var from = DateTime.UtcNow.Date.AddDays(random.Next(1, 150));
                // Calendar dates (the departure's own wall clock) or instants (UTC): the index finds candidates by UTC day.
                if (random.Next(3) == 0) p.Add($"from={from.AddHours(random.Next(24)):yyyy-MM-ddTHH:00:00Z}&to={from.AddDays(random.Next(1, 30)):yyyy-MM-ddT00:00:00Z}");
                else p.Add($"from={from:yyyy-MM-dd}&to={from.AddDays(random.Next(5, 60)):yyyy-MM-dd}");
                if (random.Next(2) == 0) p.Add($"seats={random.Next(1, 10)}");
            }

            if (random.Next(5) == 0)
                p.Add(string.Create(CultureInfo.InvariantCulture, $"near={52.5 + random.NextDouble() * 3:F3},{157.5 + random.NextDouble() * 3:F3}&radiusKm={random.Next(10, 200)}"));
            queries.Add(string.Join('&', p));
        }

        return queries;
    }
}

/// <summary>Raw SQL on the test database, as a writer outside the API would run it.</summary>
internal static class SearchIndexSql
{
    public static Task RunAsync(KamHubFactory factory, string sql) => CapturedCommand.RunAsync(
        factory.Database.PlatformConnectionString ?? $"Data Source={Path.Combine(factory.Database.DataDir, "kamhub.db")}", sql);
}
