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

    /// <summary>An empty index numbering its strings with <paramref name="names"/>.</summary>
    public static IndexSnapshot Start(IndexNames names) => new() { Names = names };

    /// <summary>The numbering this snapshot's lexemes and regions use (a reload starts a new one).</summary>
    public IndexNames Names { get; private init; } = new();

    public int Count => ByCreated.Length;
    public TourRow[] ByPrice { get; private init; } = [];
    public TourRow[] ByDuration { get; private init; } = [];
    public TourRow[] ByCreated { get; private init; } = [];
    public TourRow[] ByRating { get; private init; } = [];

    /// <summary>
    /// The same four orders as tour ordinals, index for index: a walk under a bit-set filter reads 4 bytes per tour and
    /// the 80-byte row only of tours whose bit is set.
    /// </summary>
    public IReadOnlyDictionary<TourRow[], int[]> Ordinals { get; private init; } = new Dictionary<TourRow[], int[]>(ReferenceEqualityComparer.Instance);
    public TourRow[] ByLat { get; private init; } = [];
    public TourRow[] ByLon { get; private init; } = [];

    /// <summary>Range filters as bit sets (see <see cref="RangeBits"/>), over the order of the same key, position for position.</summary>
    public RangeBits PriceBits { get; private init; } = RangeBits.Empty;

    public RangeBits DurationBits { get; private init; } = RangeBits.Empty;
    public RangeBits RatingBits { get; private init; } = RangeBits.Empty;
    public RangeBits LatBits { get; private init; } = RangeBits.Empty;
    public RangeBits LonBits { get; private init; } = RangeBits.Empty;

    /// <summary>Each tour's row at its ordinal (a gap where a tour left): the rows a bit set names.</summary>
    public TourRow[] ByOrdinal { get; private init; } = [];
    public IReadOnlyDictionary<int, Posting[]> Postings { get; private init; } = new Dictionary<int, Posting[]>();

    /// <summary>Each lexeme's tours by ordinal with its positions in them: what a search of several words ranks.</summary>
    public IReadOnlyDictionary<int, LexemeDocs> Documents { get; private init; } = new Dictionary<int, LexemeDocs>();

    /// <summary>Each tour's meeting point at its ordinal (NaN: none): a map search tests its circle without reading the tour.</summary>
    public (double Lat, double Lon)[] PointByOrdinal { get; private init; } = [];

    /// <summary>Each tour's id at its ordinal: relevance ties are broken by id without reading the tour.</summary>
    public Guid[] IdByOrdinal { get; private init; } = [];
    public IReadOnlyDictionary<string, IndexedTour[]> ByRegion { get; private init; } = new Dictionary<string, IndexedTour[]>();
    public IReadOnlyDictionary<string, IndexedTour[]> ByTag { get; private init; } = new Dictionary<string, IndexedTour[]>();
    public IReadOnlyDictionary<Guid, IndexedTour[]> ByOperator { get; private init; } = new Dictionary<Guid, IndexedTour[]>();
    public IReadOnlyDictionary<TourDifficulty, IndexedTour[]> ByDifficulty { get; private init; } = new Dictionary<TourDifficulty, IndexedTour[]>();

    /// <summary>
    /// For lexemes and tags that many tours hold: one bit per tour ordinal, so a walk tests "has it" without reading the
    /// tour. Kept only where the set is no larger than the list it mirrors (at least one tour in 128 holds it).
    /// </summary>
    public IReadOnlyDictionary<int, ulong[]> LexemeBits { get; private init; } = new Dictionary<int, ulong[]>();

    public IReadOnlyDictionary<string, ulong[]> TagBits { get; private init; } = new Dictionary<string, ulong[]>();
    public IReadOnlyDictionary<string, ulong[]> RegionBits { get; private init; } = new Dictionary<string, ulong[]>();
    public IReadOnlyDictionary<Guid, ulong[]> OperatorBits { get; private init; } = new Dictionary<Guid, ulong[]>();
    public IReadOnlyDictionary<TourDifficulty, ulong[]> DifficultyBits { get; private init; } = new Dictionary<TourDifficulty, ulong[]>();

    /// <summary>One more than the greatest tour ordinal in this snapshot.</summary>
    public int OrdinalCeiling { get; private init; }

    public static bool Has(ulong[]? bits, int ordinal) => bits is not null && (uint)(ordinal >> 6) < (uint)bits.Length && (bits[ordinal >> 6] & (1UL << ordinal)) != 0;

    /// <summary>The next state: <paramref name="removed"/> gone (the very objects this snapshot holds), <paramref name="added"/> in.</summary>
    public IndexSnapshot With(IReadOnlyCollection<IndexedTour> removed, IReadOnlyCollection<IndexedTour> added)
    {
        if (removed.Count == 0 && added.Count == 0) return this;
        var gone = new HashSet<IndexedTour>(removed, ReferenceEqualityComparer.Instance);
        var ceiling = Math.Max(OrdinalCeiling, added.Count == 0 ? 0 : added.Max(t => t.Ordinal) + 1);
        var postings = Regroup(Postings, gone, removed, added, t => t.LexemeIds, (t, i) => new Posting(t, RankOfCount(t.Positions[i].Length), t.Ordinal),
            p => p.Tour, Posting.ByRelevance);
        var byTag = Regroup(ByTag, gone, removed, added, t => t.Tags, (t, _) => t, t => t, SortOrders.ById);
        var byRegion = Regroup(ByRegion, gone, removed, added, t => [t.Region], (t, _) => t, t => t, SortOrders.ById);
        var byOperator = Regroup(ByOperator, gone, removed, added, t => [t.OperatorId], (t, _) => t, t => t, SortOrders.ById);
        var byDifficulty = Regroup(ByDifficulty, gone, removed, added, t => [t.Difficulty], (t, _) => t, t => t, SortOrders.ById);
        var byOrdinal = new TourRow[ceiling];
        Array.Copy(ByOrdinal, byOrdinal, ByOrdinal.Length);
        foreach (var t in removed) byOrdinal[t.Ordinal] = default;
        foreach (var t in added) byOrdinal[t.Ordinal] = new TourRow(t.Facts, t);
        var idByOrdinal = new Guid[ceiling];
        Array.Copy(IdByOrdinal, idByOrdinal, IdByOrdinal.Length);
        foreach (var t in removed) idByOrdinal[t.Ordinal] = default;
        foreach (var t in added) idByOrdinal[t.Ordinal] = t.Id;
        var pointByOrdinal = new (double, double)[ceiling];
        Array.Copy(PointByOrdinal, pointByOrdinal, PointByOrdinal.Length);
        foreach (var t in removed) pointByOrdinal[t.Ordinal] = (double.NaN, double.NaN);
        foreach (var t in added) pointByOrdinal[t.Ordinal] = (t.Facts.Lat, t.Facts.Lon);
        var byPrice = Merge(ByPrice, gone, added, SortOrders.ByPrice);
        var byDuration = Merge(ByDuration, gone, added, SortOrders.ByDuration);
        var byCreated = Merge(ByCreated, gone, added, SortOrders.ByCreated);
        var byRating = Merge(ByRating, gone, added, SortOrders.ByRating);
        var byLat = Merge(ByLat, gone, added, SortOrders.ByLat);
        var byLon = Merge(ByLon, gone, added, SortOrders.ByLon);
        var (priceOrdinals, durationOrdinals, ratingOrdinals) = (OrdinalsOf(byPrice), OrdinalsOf(byDuration), OrdinalsOf(byRating));
        return new IndexSnapshot
        {
            Ordinals = new Dictionary<TourRow[], int[]>(ReferenceEqualityComparer.Instance)
            {
                [byPrice] = priceOrdinals, [byDuration] = durationOrdinals, [byCreated] = OrdinalsOf(byCreated), [byRating] = ratingOrdinals,
            },
            PriceBits = RangeBits.Build(byPrice, priceOrdinals, f => f.Price, ceiling),
            DurationBits = RangeBits.Build(byDuration, durationOrdinals, f => f.Duration, ceiling),
            RatingBits = RangeBits.Build(byRating, ratingOrdinals, f => f.Rating, ceiling),
            LatBits = RangeBits.Build(byLat, OrdinalsOf(byLat), f => f.Lat, ceiling),
            LonBits = RangeBits.Build(byLon, OrdinalsOf(byLon), f => f.Lon, ceiling),
            ByOrdinal = byOrdinal,
            IdByOrdinal = idByOrdinal,
            PointByOrdinal = pointByOrdinal,
            Documents = Regroup(Documents, removed, added),
            ByLon = byLon,
            ByRegion = byRegion,
            RegionBits = Bits(RegionBits, byRegion, Touched<string>(removed, added, t => [t.Region]), ceiling, t => t.Ordinal),
            ByOperator = byOperator,
            OperatorBits = Bits(OperatorBits, byOperator, Touched<Guid>(removed, added, t => [t.OperatorId]), ceiling, t => t.Ordinal),
            ByDifficulty = byDifficulty,
            DifficultyBits = Bits(DifficultyBits, byDifficulty, Touched<TourDifficulty>(removed, added, t => [t.Difficulty]), ceiling, t => t.Ordinal),
            Names = Names,
            OrdinalCeiling = ceiling,
            Postings = postings,
            LexemeBits = Bits(LexemeBits, postings, Touched(removed, added, t => t.LexemeIds), ceiling, p => p.Tour.Ordinal),
            ByTag = byTag,
            TagBits = Bits(TagBits, byTag, Touched(removed, added, t => t.Tags), ceiling, t => t.Ordinal),
            ByPrice = byPrice,
            ByDuration = byDuration,
            ByCreated = byCreated,
            ByRating = byRating,
            ByLat = byLat,
        };
    }

    /// <summary>The documents of the lexemes the changed tours hold (before and after) rebuilt; every other list shared.</summary>
    private static Dictionary<int, LexemeDocs> Regroup(IReadOnlyDictionary<int, LexemeDocs> old, IReadOnlyCollection<IndexedTour> removed,
        IReadOnlyCollection<IndexedTour> added)
    {
        var gone = removed.Select(t => t.Ordinal).ToHashSet();
        // Sized first, so a full load of a million tours fills exact arrays.
        var sizes = new Dictionary<int, (int Tours, int Positions)>();
        foreach (var t in removed)
        {
            foreach (var id in t.LexemeIds) sizes.TryAdd(id, (0, 0));
        }

        foreach (var t in added)
        {
            for (var i = 0; i < t.LexemeIds.Length; i++)
            {
                ref var size = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sizes, t.LexemeIds[i], out _);
                size = (size.Tours + 1, size.Positions + t.Positions[i].Length);
            }
        }

        var builders = new Dictionary<int, LexemeDocs.Builder>(sizes.Count);
        foreach (var (id, size) in sizes)
        {
            var before = old.GetValueOrDefault(id);
            var builder = new LexemeDocs.Builder(size.Tours + (before?.Count ?? 0), size.Positions + (before?.PositionCount ?? 0));
            if (before is not null) builder.AddKept(before, gone);
            builders[id] = builder;
        }

        // New ordinals are greater than every kept one: appended in order, each list stays sorted.
        foreach (var t in added.OrderBy(t => t.Ordinal))
        {
            for (var i = 0; i < t.LexemeIds.Length; i++) builders[t.LexemeIds[i]].Add(t.Ordinal, t.Positions[i]);
        }

        var result = new Dictionary<int, LexemeDocs>(old.Count + builders.Count);
        foreach (var (id, docs) in old)
        {
            if (!builders.ContainsKey(id)) result[id] = docs;
        }

        foreach (var (id, builder) in builders)
        {
            if (builder.Build() is { } docs) result[id] = docs;
        }

        return result;
    }

    private static int[] OrdinalsOf(TourRow[] order)
    {
        var ordinals = new int[order.Length];
        for (var i = 0; i < order.Length; i++) ordinals[i] = order[i].Tour.Ordinal;
        return ordinals;
    }

    private static HashSet<TKey> Touched<TKey>(IReadOnlyCollection<IndexedTour> removed, IReadOnlyCollection<IndexedTour> added, Func<IndexedTour, IEnumerable<TKey>> keys)
    {
        var touched = new HashSet<TKey>();
        foreach (var t in removed) touched.UnionWith(keys(t));
        foreach (var t in added) touched.UnionWith(keys(t));
        return touched;
    }

    /// <summary>Bit sets of the touched keys rebuilt from their new lists (dropped when the list got small); the others shared.</summary>
    private static Dictionary<TKey, ulong[]> Bits<TKey, TItem>(IReadOnlyDictionary<TKey, ulong[]> old, IReadOnlyDictionary<TKey, TItem[]> lists, HashSet<TKey> touched,
        int ceiling, Func<TItem, int> ordinal) where TKey : notnull
    {
        var result = new Dictionary<TKey, ulong[]>(old.Count);
        foreach (var (key, bits) in old)
        {
            if (!touched.Contains(key)) result[key] = bits;
        }

        foreach (var key in touched)
        {
            if (!lists.TryGetValue(key, out var list) || list.Length * 128L < ceiling) continue;
            var bits = new ulong[(ceiling + 63) >> 6];
            foreach (var item in list)
            {
                var o = ordinal(item);
                bits[o >> 6] |= 1UL << o;
            }

            result[key] = bits;
        }

        return result;
    }

    /// <summary>ts_rank of one lexeme depends only on how many positions it has in the document: computed once per count.</summary>
    private static readonly float[] RankByCount = Enumerable.Range(0, 256).Select(n => TextRank.RankOne(new ushort[n].Select((_, i) => (ushort)(i + 1)).ToArray())).ToArray();

    private static float RankOfCount(int count) => RankByCount[Math.Min(count, RankByCount.Length - 1)];

    private static TourRow[] Merge(TourRow[] old, HashSet<IndexedTour> gone, IReadOnlyCollection<IndexedTour> added, IComparer<IndexedTour> tourOrder)
    {
        var order = SortOrders.Rows(tourOrder);
        var incoming = added.Select(t => new TourRow(t.Facts, t)).ToArray();
        Array.Sort(incoming, order);
        var merged = new TourRow[Math.Max(0, old.Length - gone.Count) + incoming.Length];
        int o = 0, a = 0, m = 0;
        while (o < old.Length || a < incoming.Length)
        {
            if (o < old.Length && gone.Contains(old[o].Tour))
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
