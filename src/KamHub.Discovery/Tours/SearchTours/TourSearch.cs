using System.Globalization;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;
using KamHub.Discovery.Search.Index;
using Microsoft.Extensions.Options;

namespace KamHub.Discovery.Tours.SearchTours;

internal sealed record SearchPage(IReadOnlyList<TourDto> Items, string? NextCursor);

/// <summary>
/// Published tours matching the criteria, one keyset page at a time: every page continues strictly after the
/// (sort key, id) of the previous one, so tours inserted meanwhile never make a page repeat or skip a row.
/// One exception: relevance on SQLite, where bm25 weighs terms by corpus statistics, so tours added mid-walk can
/// shift every rank a little; PostgreSQL's ts_rank looks at the tour alone and stays put.
/// </summary>
internal sealed class TourSearch(DiscoveryDbContext db, TimeProvider clock, TourSearchIndex index, IOptions<SearchIndexOptions> options)
{
    private const int MaxRounds = 20;

    /// <summary>The search as configured: on this instance's index (the default, ADR 0026) or as SQL.</summary>
    public Task<SearchPage> RunAsync(SearchCriteria c, CancellationToken ct) => options.Value.Enabled ? index.SearchAsync(c, ct) : RunSqlAsync(c, ct);

    /// <summary>The search as SQL on the module's database: with the index off, and as the index's reference in tests.</summary>
    public async Task<SearchPage> RunSqlAsync(SearchCriteria c, CancellationToken ct)
    {
        if (c.HasQuery && c.Terms.Count == 0) return new SearchPage([], null);

        var filtered = Filter(c);
        var found = new List<Hit>();
        var position = c.After;
        var exhausted = false;
        Hit? lastScanned = null;
        // The radius test is exact only in memory (haversine), so a page may need several keyset rounds.
        for (var round = 0; round < MaxRounds && found.Count <= c.Limit; round++)
        {
            var take = c.Limit + 1 - found.Count;
            var batch = await PageAsync(filtered, c, position, take, ct);
            if (batch.Count > 0)
            {
                lastScanned = batch[^1];
                position = KeyOf(c, lastScanned);
            }

            found.AddRange(c.Near is null ? batch : batch.Where(h => WithinRadius(c, h.Tour)));
            if (batch.Count < take)
            {
                exhausted = true;
                break;
            }
        }

        var items = found.Take(c.Limit).ToList();
        string? next = null;
        if (found.Count > c.Limit) next = KeyOf(c, items[^1]).Encode();
        else if (!exhausted && lastScanned is not null) next = KeyOf(c, lastScanned).Encode();
        return new SearchPage(items.Select(h => TourDto.From(h.Tour)).ToList(), next);
    }

    private IQueryable<Tour> Filter(SearchCriteria c)
    {
        var q = Source(c).AsNoTracking().Where(t => t.Status == TourStatus.Published);
        if (c.Region is { } region) q = q.Where(t => t.Region == region);
        if (c.MinPrice is { } minPrice) q = q.Where(t => t.BasePriceMinor >= minPrice);
        if (c.MaxPrice is { } maxPrice) q = q.Where(t => t.BasePriceMinor <= maxPrice);
        if (c.MinDuration is { } minDuration) q = q.Where(t => t.DurationMinutes >= minDuration);
        if (c.MaxDuration is { } maxDuration) q = q.Where(t => t.DurationMinutes <= maxDuration);
        if (c.MinRatingHundredths is { } minRating) q = q.Where(t => t.RatingCount > 0 && t.RatingHundredths >= minRating);
        if (c.Difficulty is { } difficulty) q = q.Where(t => t.Difficulty == difficulty);
        if (c.OperatorId is { } operatorId) q = q.Where(t => t.OperatorId == operatorId);
        foreach (var tag in c.Tags)
        {
            var needle = TourTags.Needle(tag);
            q = q.Where(t => t.Tags.Contains(needle));
        }

        if (c.Near is { } p)
        {
            // A bounding box the indexes can use; the exact circle is checked afterwards.
            var dLat = c.RadiusKm / 111.32;
            var (minLat, maxLat) = (p.Lat - dLat, p.Lat + dLat);
            q = q.Where(t => t.MeetingLat >= minLat && t.MeetingLat <= maxLat);
            var cos = Math.Cos(p.Lat * Math.PI / 180);
            if (cos > 0.01)
            {
                var dLon = c.RadiusKm / (111.32 * cos);
                var (minLon, maxLon) = (p.Lon - dLon, p.Lon + dLon);
                if (minLon >= -180 && maxLon <= 180) q = q.Where(t => t.MeetingLon >= minLon && t.MeetingLon <= maxLon);
            }
        }

        if (c.Window is { } window)
        {
            // A semi-join on Discovery's own departures projection: the keyset order over tours is untouched, so paging
            // stays exact; the (tour_id, starts_at) index answers each probe.
            var departures = window.Filter(db.Departures.AsNoTracking(), StoredTime.Now(clock));
            q = q.Where(t => departures.Any(d => d.TourId == t.Id));
        }

        if (c.HasQuery && c.Sort != SearchSort.Relevance && db.Database.IsSqlite())
        {
            // A join driven by the match set (not a correlated EXISTS, which SQLite would run once per tour, nor an IN
            // that lets the planner walk the whole sort index hoping to meet a rare word's matches): the cost follows
            // the number of matches, as it does for relevance. Measured on 100k tours: 8 ms CPU against 37 ms for IN.
            q = q.Join(MatchingIds(c), t => t.Id, m => m.TourId, (t, _) => t);
        }

        return q;
    }

    /// <summary>
    /// The tours a search starts from. Text on PostgreSQL (relevance or another sort): the matching rows themselves, behind an
    /// OFFSET 0 fence so the GIN index finds them first (otherwise the planner may walk the whole sort index
    /// re-checking each tour's tsvector while it hopes to meet a rare word's few matches soon), and the filters and
    /// the sort then run over those rows with no join back to the table. Measured on 100,000 tours, a word with
    /// 8,000 matches, sort=price&amp;maxPrice: 90 ms with the earlier MATERIALIZED id set joined back, see benchmarks.md.
    /// </summary>
    private IQueryable<Tour> Source(SearchCriteria c) => c.HasQuery && !db.Database.IsSqlite()
        ? db.Tours.FromSqlRaw(
            $"SELECT * FROM discovery.tours WHERE {TourFullText.PostgresColumn} @@ plainto_tsquery('simple'::regconfig, {{0}}) OFFSET 0",
            FullTextTerms.ToPostgres(c.Terms))
        : db.Tours;

    /// <summary>SQLite's ranked match set (bm25 from FTS5's own index), joined to the filtered tours.</summary>
    private IQueryable<TourMatch> Matches(SearchCriteria c) => db.Matches.FromSqlRaw(
        $"SELECT tour_id AS {TourMatch.TourIdColumn}, -bm25({TourFullText.SqliteTable}) AS {TourMatch.RankColumn} FROM {TourFullText.SqliteTable} WHERE {TourFullText.SqliteTable} MATCH {{0}}",
        FullTextTerms.ToFts5(c.Terms));

    /// <summary>The match set without ranks, for text plus another sort on SQLite (FTS5 answers it from its own index).</summary>
    private IQueryable<TourMatch> MatchingIds(SearchCriteria c) => db.Matches.FromSqlRaw(
        $"SELECT tour_id AS {TourMatch.TourIdColumn}, 0.0 AS {TourMatch.RankColumn} FROM {TourFullText.SqliteTable} WHERE {TourFullText.SqliteTable} MATCH {{0}}",
        FullTextTerms.ToFts5(c.Terms));

    private async Task<List<Hit>> PageAsync(IQueryable<Tour> q, SearchCriteria c, SearchCursor? after, int take, CancellationToken ct)
    {
        var id = after?.Id ?? Guid.Empty;
        switch (c.Sort)
        {
            case SearchSort.Relevance when !db.Database.IsSqlite():
            {
                // Ranked on the rows the filters kept, in one pass over the match set: the planner keeps the top rows only
                // (a top-N heap sort), instead of ranking and sorting every match before joining back for the filters.
                var terms = FullTextTerms.ToPostgres(c.Terms);
                var ranked = q.Select(t => new { Tour = t, Rank = TourFullText.PostgresRank(t.Id, terms) });
                if (after is not null)
                {
                    var rank = double.Parse(after.Key, CultureInfo.InvariantCulture);
                    ranked = ranked.Where(x => x.Rank < rank || (x.Rank == rank && x.Tour.Id.CompareTo(id) > 0));
                }

                var rows = await ranked.OrderByDescending(x => x.Rank).ThenBy(x => x.Tour.Id).Take(take).ToListAsync(ct);
                return rows.Select(x => new Hit(x.Tour, x.Rank)).ToList();
            }
            case SearchSort.Relevance:
            {
                var ranked = q.Join(Matches(c), t => t.Id, m => m.TourId, (t, m) => new { Tour = t, m.Rank });
                if (after is not null)
                {
                    var rank = double.Parse(after.Key, CultureInfo.InvariantCulture);
                    ranked = ranked.Where(x => x.Rank < rank || (x.Rank == rank && x.Tour.Id.CompareTo(id) > 0));
                }

                var rows = await ranked.OrderByDescending(x => x.Rank).ThenBy(x => x.Tour.Id).Take(take).ToListAsync(ct);
                return rows.Select(x => new Hit(x.Tour, x.Rank)).ToList();
            }
            case SearchSort.Price:
            {
                if (after is not null)
                {
                    var key = long.Parse(after.Key, CultureInfo.InvariantCulture);
                    q = c.Desc
                        ? q.Where(t => t.BasePriceMinor < key || (t.BasePriceMinor == key && t.Id.CompareTo(id) < 0))
                        : q.Where(t => t.BasePriceMinor > key || (t.BasePriceMinor == key && t.Id.CompareTo(id) > 0));
                }

                q = c.Desc ? q.OrderByDescending(t => t.BasePriceMinor).ThenByDescending(t => t.Id) : q.OrderBy(t => t.BasePriceMinor).ThenBy(t => t.Id);
                break;
            }
            case SearchSort.Duration:
            {
                if (after is not null)
                {
                    var key = int.Parse(after.Key, CultureInfo.InvariantCulture);
                    q = c.Desc
                        ? q.Where(t => t.DurationMinutes < key || (t.DurationMinutes == key && t.Id.CompareTo(id) < 0))
                        : q.Where(t => t.DurationMinutes > key || (t.DurationMinutes == key && t.Id.CompareTo(id) > 0));
                }

                q = c.Desc ? q.OrderByDescending(t => t.DurationMinutes).ThenByDescending(t => t.Id) : q.OrderBy(t => t.DurationMinutes).ThenBy(t => t.Id);
                break;
            }
            case SearchSort.Rating:
            {
                if (after is not null)
                {
                    var key = int.Parse(after.Key, CultureInfo.InvariantCulture);
                    q = c.Desc
                        ? q.Where(t => t.RatingHundredths < key || (t.RatingHundredths == key && t.Id.CompareTo(id) < 0))
                        : q.Where(t => t.RatingHundredths > key || (t.RatingHundredths == key && t.Id.CompareTo(id) > 0));
                }

                q = c.Desc ? q.OrderByDescending(t => t.RatingHundredths).ThenByDescending(t => t.Id) : q.OrderBy(t => t.RatingHundredths).ThenBy(t => t.Id);
                break;
            }
            default:
            {
                if (after is not null)
                {
                    var key = new DateTime(long.Parse(after.Key, CultureInfo.InvariantCulture), DateTimeKind.Utc);
                    q = c.Desc
                        ? q.Where(t => t.CreatedAt < key || (t.CreatedAt == key && t.Id.CompareTo(id) < 0))
                        : q.Where(t => t.CreatedAt > key || (t.CreatedAt == key && t.Id.CompareTo(id) > 0));
                }

                q = c.Desc ? q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id) : q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id);
                break;
            }
        }

        return (await q.Take(take).ToListAsync(ct)).Select(t => new Hit(t, 0)).ToList();
    }

    private static SearchCursor KeyOf(SearchCriteria c, Hit h)
    {
        var key = c.Sort switch
        {
            SearchSort.Relevance => h.Rank.ToString("R", CultureInfo.InvariantCulture),
            SearchSort.Price => h.Tour.BasePriceMinor.ToString(CultureInfo.InvariantCulture),
            SearchSort.Duration => h.Tour.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            SearchSort.Rating => h.Tour.RatingHundredths.ToString(CultureInfo.InvariantCulture),
            _ => h.Tour.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture),
        };
        return new SearchCursor(c.Sort.ToString(), c.Desc, key, h.Tour.Id);
    }

    private static bool WithinRadius(SearchCriteria c, Tour t) =>
        t.MeetingLat is { } lat && t.MeetingLon is { } lon && Haversine.Km(c.Near!.Lat, c.Near.Lon, lat, lon) <= c.RadiusKm;

    private sealed record Hit(Tour Tour, double Rank);
}
