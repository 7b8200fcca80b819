using System.Collections.Concurrent;
using System.Diagnostics;
using KamHub.Core.Time;
using KamHub.Discovery.Availability;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours.SearchTours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// This instance's in-memory index of the published catalogue (ADR 0026). A search first catches up with the change
/// feed: it waits for a read of the feed that started after the search arrived, so it sees every write committed before
/// it, on any instance, as the SQL did. Concurrent searches share one read (a search arriving during a read waits for
/// the next one, which serves every search that arrived meanwhile). The first search loads the whole catalogue.
/// </summary>
internal sealed class TourSearchIndex(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TourSearchIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim _reader = new(1, 1);
    private int _nextOrdinal;
    private readonly ConcurrentDictionary<Guid, IndexedTour> _byId = new();
    private readonly HashSet<long> _seen = [];
    private IndexDepartures? _departures;
    private volatile IndexSnapshot _snapshot = IndexSnapshot.Empty;
    private long _readsStarted;
    private long _lastGoodReadNumber;
    private long _position;
    private string? _source;
    private bool _loaded;
    private long _lastReadTimestamp;

    public bool IsLoaded => Volatile.Read(ref _loaded);

    public int Count => _snapshot.Count;

    private IndexDepartures Departures => _departures ??= new IndexDepartures(_byId);

    public async Task<SearchPage> SearchAsync(SearchCriteria criteria, CancellationToken ct)
    {
        await CatchUpAsync(ct);
        return IndexQuery.Run(_snapshot, Departures, criteria, StoredTime.Now(clock));
    }

    /// <summary>The departure lists of a page's tours, as current as the last catch-up (same instance until a departure changes).</summary>
    public List<UpcomingDeparture>[] DeparturesOf(IReadOnlyList<Guid> tourIds)
    {
        var lists = new List<UpcomingDeparture>[tourIds.Count];
        for (var i = 0; i < lists.Length; i++) lists[i] = Departures.Of(tourIds[i]);
        return lists;
    }

    /// <summary>Returns once a read of the feed that began after this call has been applied.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var arrivedAfter = Interlocked.Read(ref _readsStarted);
        await _reader.WaitAsync(ct);
        try
        {
            if (Interlocked.Read(ref _lastGoodReadNumber) > arrivedAfter) return;
            var number = Interlocked.Increment(ref _readsStarted);
            // Not the caller's token: other searches wait on this read too.
            await ReadAsync(CancellationToken.None);
            Interlocked.Exchange(ref _lastGoodReadNumber, number);
        }
        finally
        {
            _reader.Release();
        }
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscoveryDbContext>();
        var source = db.Database.GetConnectionString();
        var stale = Stopwatch.GetElapsedTime(_lastReadTimestamp) > SearchChanges.Retention / 2;
        // A data move switched the module to another database, or the feed may have been pruned past our position: reload.
        if (!_loaded || stale || source != _source)
        {
            await LoadAsync(db, ct);
            _source = source;
        }
        else
        {
            await PollAsync(db, ct);
        }

        _lastReadTimestamp = Stopwatch.GetTimestamp();
    }

    private async Task LoadAsync(DiscoveryDbContext db, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var state = await ChangeFeedReader.LoadAllAsync(db, StoredTime.Now(clock), ct);
        // A fresh numbering: searches still running on the old snapshot keep the old names they hold.
        var names = new IndexNames();
        _nextOrdinal = 0;
        var tours = state.Tours.Select(t => IndexedTour.From(t, names, _nextOrdinal++)).ToList();
        var old = _snapshot;
        _snapshot = IndexSnapshot.Start(names).With([], tours);
        _byId.Clear();
        foreach (var tour in tours) _byId[tour.Id] = tour;
        Departures.Clear();
        foreach (var group in state.Departures.GroupBy(d => d.TourId))
            Departures.Replace(group.Key, group.Select(ChangeFeedReader.ToUpcoming).ToList());
        _position = state.Position;
        _seen.Clear();
        Volatile.Write(ref _loaded, true);
        logger.LogInformation("Search index loaded {Tours} tours and {Departures} departures in {Ms} ms (was {Old})", tours.Count, state.Departures.Count,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, old.Count);
    }

    private async Task PollAsync(DiscoveryDbContext db, CancellationToken ct)
    {
        var (changes, next) = await ChangeFeedReader.ChangesAsync(db, _position, ct);
        if (changes.Count > ChangeFeedReader.MaxChangesPerPoll)
        {
            await LoadAsync(db, ct);
            return;
        }

        // PostgreSQL hands back rows of still-open transactions' neighbours again until they end: each is applied once.
        var fresh = changes.Where(c => !_seen.Contains(c.Id)).ToList();
        if (fresh.Count > 0)
        {
            var tourIds = fresh.Where(c => c.IsTour).Select(c => c.TourId).Distinct().ToList();
            var departureIds = fresh.Where(c => !c.IsTour).Select(c => c.TourId).Distinct().ToList();
            if (tourIds.Count > 0) ApplyTours(tourIds, await ChangeFeedReader.ToursAsync(db, tourIds, ct));
            if (departureIds.Count > 0)
            {
                var rows = await ChangeFeedReader.DeparturesAsync(db, departureIds, StoredTime.Now(clock), ct);
                var byTour = rows.GroupBy(d => d.TourId).ToDictionary(g => g.Key, g => g.Select(ChangeFeedReader.ToUpcoming).ToList());
                foreach (var id in departureIds) Departures.Replace(id, byTour.GetValueOrDefault(id) ?? []);
            }
        }

        if (!db.Database.IsSqlite())
        {
            // Rows of transactions older than the new horizon are never read again.
            foreach (var change in changes) _seen.Add(change.Id);
            if (next != _position) _seen.IntersectWith(changes.Select(c => c.Id));
        }

        _position = next;
    }

    private void ApplyTours(List<Guid> ids, List<Tour> rows)
    {
        var current = rows.ToDictionary(t => t.Id);
        var removed = new List<IndexedTour>();
        var added = new List<IndexedTour>();
        foreach (var id in ids)
        {
            if (_byId.TryGetValue(id, out var old)) removed.Add(old);
            if (current.TryGetValue(id, out var row) && row.Status == TourStatus.Published) added.Add(IndexedTour.From(row, _snapshot.Names, _nextOrdinal++));
        }

        _snapshot = _snapshot.With(removed, added);
        foreach (var old in removed) _byId.TryRemove(old.Id, out _);
        foreach (var tour in added) _byId[tour.Id] = tour;
    }

    public void Dispose() => _reader.Dispose();
}
