using KamHub.Discovery.Data;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// One immutable state of the index: every published tour in each keyset order, and the lists a filter narrows to
/// (lexeme, region, tag, operator, difficulty). Readers take the current snapshot and never lock; a change builds the
/// next one from this one, copying each order once and rebuilding only the lists the changed tours are in.
/// </summary>
internal sealed class IndexSnapshot
{
    public static readonly IndexSnapshot Empty = new();

    private IndexSnapshot()
    {
    }

    public int Count => ByCreated.Length;
    public IndexedTour[] ByPrice { get; private init; } = [];
    public IndexedTour[] ByDuration { get; private init; } = [];
    public IndexedTour[] ByCreated { get; private init; } = [];
    public IndexedTour[] ByRating { get; private init; } = [];
    public IndexedTour[] ByLat { get; private init; } = [];
    public IReadOnlyDictionary<int, Posting[]> Postings { get; private init; } = new Dictionary<int, Posting[]>();
    public IReadOnlyDictionary<string, IndexedTour[]> ByRegion { get; private init; } = new Dictionary<string, IndexedTour[]>();
    public IReadOnlyDictionary<string, IndexedTour[]> ByTag { get; private init; } = new Dictionary<string, IndexedTour[]>();
    public IReadOnlyDictionary<Guid, IndexedTour[]> ByOperator { get; private init; } = new Dictionary<Guid, IndexedTour[]>();
    public IReadOnlyDictionary<TourDifficulty, IndexedTour[]> ByDifficulty { get; private init; } = new Dictionary<TourDifficulty, IndexedTour[]>();

    /// <summary>The next state: <paramref name="removed"/> gone (the very objects this snapshot holds), <paramref name="added"/> in.</summary>
    public IndexSnapshot With(IReadOnlyCollection<IndexedTour> removed, IReadOnlyCollection<IndexedTour> added)
    {
        if (removed.Count == 0 && added.Count == 0) return this;
        var gone = new HashSet<IndexedTour>(removed, ReferenceEqualityComparer.Instance);
        return new IndexSnapshot
        {
            ByPrice = Merge(ByPrice, gone, added, SortOrders.ByPrice),
            ByDuration = Merge(ByDuration, gone, added, SortOrders.ByDuration),
            ByCreated = Merge(ByCreated, gone, added, SortOrders.ByCreated),
            ByRating = Merge(ByRating, gone, added, SortOrders.ByRating),
            ByLat = Merge(ByLat, gone, added, SortOrders.ByLat),
            Postings = Regroup(Postings, gone, removed, added, t => t.LexemeIds, (t, i) => new Posting(t, RankOfCount(t.Positions[i].Length)),
                p => p.Tour, Posting.ByRelevance),
            ByRegion = Regroup(ByRegion, gone, removed, added, t => [t.Region], (t, _) => t, t => t, SortOrders.ById),
            ByTag = Regroup(ByTag, gone, removed, added, t => t.Tags, (t, _) => t, t => t, SortOrders.ById),
            ByOperator = Regroup(ByOperator, gone, removed, added, t => [t.OperatorId], (t, _) => t, t => t, SortOrders.ById),
            ByDifficulty = Regroup(ByDifficulty, gone, removed, added, t => [t.Difficulty], (t, _) => t, t => t, SortOrders.ById),
        };
    }

    /// <summary>ts_rank of one lexeme depends only on how many positions it has in the document: computed once per count.</summary>
    private static readonly float[] RankByCount = Enumerable.Range(0, 256).Select(n => TextRank.RankOne(new ushort[n].Select((_, i) => (ushort)(i + 1)).ToArray())).ToArray();

    private static float RankOfCount(int count) => RankByCount[Math.Min(count, RankByCount.Length - 1)];

    private static IndexedTour[] Merge(IndexedTour[] old, HashSet<IndexedTour> gone, IReadOnlyCollection<IndexedTour> added, IComparer<IndexedTour> order)
    {
        var incoming = added.ToArray();
        Array.Sort(incoming, order);
        var merged = new IndexedTour[old.Length - gone.Count + incoming.Length];
        int o = 0, a = 0, m = 0;
        while (o < old.Length || a < incoming.Length)
        {
            if (o < old.Length && gone.Contains(old[o]))
            {
                o++;
                continue;
            }

            if (a >= incoming.Length || (o < old.Length && order.Compare(old[o], incoming[a]) <= 0)) merged[m++] = old[o++];
            else merged[m++] = incoming[a++];
        }

        return m == merged.Length ? merged : merged[..m];
    }

    /// <summary>The lists keyed by what the changed tours hold (before and after) are rebuilt; every other list is shared.</summary>
    private static Dictionary<TKey, TItem[]> Regroup<TKey, TItem>(IReadOnlyDictionary<TKey, TItem[]> old, HashSet<IndexedTour> gone,
        IReadOnlyCollection<IndexedTour> removed, IReadOnlyCollection<IndexedTour> added, Func<IndexedTour, IReadOnlyList<TKey>> keys,
        Func<IndexedTour, int, TItem> item, Func<TItem, IndexedTour> tourOf, IComparer<TItem> order) where TKey : notnull
    {
        var incoming = new Dictionary<TKey, List<TItem>>();
        foreach (var tour in added)
        {
            var ks = keys(tour);
            for (var i = 0; i < ks.Count; i++)
            {
                if (!incoming.TryGetValue(ks[i], out var list)) incoming[ks[i]] = list = [];
                list.Add(item(tour, i));
            }
        }

        var touched = new HashSet<TKey>(incoming.Keys);
        foreach (var tour in removed) touched.UnionWith(keys(tour));
        var result = new Dictionary<TKey, TItem[]>(old.Count + incoming.Count);
        foreach (var (key, list) in old)
        {
            if (!touched.Contains(key)) result[key] = list;
        }

        foreach (var key in touched)
        {
            var kept = old.TryGetValue(key, out var before) ? before.Where(x => !gone.Contains(tourOf(x))) : [];
            var list = (incoming.TryGetValue(key, out var more) ? kept.Concat(more) : kept).ToArray();
            if (list.Length == 0) continue;
            Array.Sort(list, order);
            result[key] = list;
        }

        return result;
    }
}
