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
        var ceiling = Math.Max(OrdinalCeiling, added.Count == 0 ? 0 : added.Max(t => t.Ordinal) + 1);
        var postings = Regroup(Postings, removed, added, t => t.LexemeIds, (t, i) => new Posting(t, RankOfCount(t.PositionCount(i)), t.Ordinal), Posting.ByRelevance);
        var byTag = Regroup(ByTag, removed, added, t => t.Tags, (t, _) => t, SortOrders.ById);
        var byRegion = Regroup(ByRegion, removed, added, t => [t.Region], (t, _) => t, SortOrders.ById);
        var byOperator = Regroup(ByOperator, removed, added, t => [t.OperatorId], (t, _) => t, SortOrders.ById);
        var byDifficulty = Regroup(ByDifficulty, removed, added, t => [t.Difficulty], (t, _) => t, SortOrders.ById);
        var byOrdinal = ByOrdinalPatched(ByOrdinal, ceiling, removed, added, t => new TourRow(t.Facts, t), default);
        var idByOrdinal = ByOrdinalPatched(IdByOrdinal, ceiling, removed, added, t => t.Id, Guid.Empty);
        var pointByOrdinal = ByOrdinalPatched(PointByOrdinal, ceiling, removed, added, t => (t.Facts.Lat, t.Facts.Lon), (double.NaN, double.NaN));
        var byPrice = Merge(ByPrice, removed, added, SortOrders.ByPrice);
        var byDuration = Merge(ByDuration, removed, added, SortOrders.ByDuration);
        var byCreated = Merge(ByCreated, removed, added, SortOrders.ByCreated);
        var byRating = Merge(ByRating, removed, added, SortOrders.ByRating);
        var byLat = Merge(ByLat, removed, added, SortOrders.ByLat);
        var byLon = Merge(ByLon, removed, added, SortOrders.ByLon);
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
            Documents = LexemeDocs.Regroup(Documents, removed, added),
            ByLon = byLon,
            ByRegion = byRegion,
            RegionBits = Bits(RegionBits, byRegion, removed, added, t => [t.Region], ceiling, t => t.Ordinal),
            ByOperator = byOperator,
            OperatorBits = Bits(OperatorBits, byOperator, removed, added, t => [t.OperatorId], ceiling, t => t.Ordinal),
            ByDifficulty = byDifficulty,
            DifficultyBits = Bits(DifficultyBits, byDifficulty, removed, added, t => [t.Difficulty], ceiling, t => t.Ordinal),
            Names = Names,
            OrdinalCeiling = ceiling,
            Postings = postings,
            LexemeBits = Bits(LexemeBits, postings, removed, added, t => t.LexemeIds, ceiling, p => p.Ordinal),
            ByTag = byTag,
            TagBits = Bits(TagBits, byTag, removed, added, t => t.Tags, ceiling, t => t.Ordinal),
            ByPrice = byPrice,
            ByDuration = byDuration,
            ByCreated = byCreated,
            ByRating = byRating,
            ByLat = byLat,
        };
    }

    /// <summary>A table by ordinal, grown to <paramref name="ceiling"/>: the removed tours' entries cleared, the added ones' set.</summary>
    private static T[] ByOrdinalPatched<T>(T[] old, int ceiling, IReadOnlyCollection<IndexedTour> removed, IReadOnlyCollection<IndexedTour> added,
        Func<IndexedTour, T> value, T gone)
    {
        var table = new T[ceiling];
        Array.Copy(old, table, old.Length);
        foreach (var t in removed) table[t.Ordinal] = gone;
        foreach (var t in added) table[t.Ordinal] = value(t);
        return table;
    }

    private static int[] OrdinalsOf(TourRow[] order)
    {
        var ordinals = new int[order.Length];
        for (var i = 0; i < order.Length; i++) ordinals[i] = order[i].Facts.Ordinal;
        return ordinals;
    }

    /// <summary>
    /// Bit sets of the keys the changed tours hold (before and after): the old set copied with their bits cleared and
    /// set, or built from the new list when the key just grew to need one; dropped when the list got small. Others shared.
    /// </summary>
    private static Dictionary<TKey, ulong[]> Bits<TKey, TItem>(IReadOnlyDictionary<TKey, ulong[]> old, IReadOnlyDictionary<TKey, TItem[]> lists,
        IReadOnlyCollection<IndexedTour> removed, IReadOnlyCollection<IndexedTour> added, Func<IndexedTour, IEnumerable<TKey>> keys, int ceiling,
        Func<TItem, int> ordinal) where TKey : notnull
    {
        var changes = new Dictionary<TKey, List<(int Ordinal, bool Set)>>();
        foreach (var (tours, set) in new[] { (removed, false), (added, true) })
        {
            foreach (var t in tours)
            {
                foreach (var key in keys(t))
                {
                    if (!changes.TryGetValue(key, out var list)) changes[key] = list = [];
                    list.Add((t.Ordinal, set));
                }
            }
        }

        var result = new Dictionary<TKey, ulong[]>(old.Count);
        foreach (var (key, bits) in old)
        {
            if (!changes.ContainsKey(key)) result[key] = bits;
        }

        var words = (ceiling + 63) >> 6;
        foreach (var (key, change) in changes)
        {
            if (!lists.TryGetValue(key, out var list) || list.Length * 128L < ceiling) continue;
            var bits = new ulong[words];
            if (old.TryGetValue(key, out var before))
            {
                Array.Copy(before, bits, Math.Min(before.Length, words));
                foreach (var (o, set) in change)
                {
                    if (set) bits[o >> 6] |= 1UL << o;
                    else bits[o >> 6] &= ~(1UL << o);
                }
            }
            else
            {
                foreach (var item in list)
                {
                    var o = ordinal(item);
                    bits[o >> 6] |= 1UL << o;
                }
            }

            result[key] = bits;
        }

        return result;
    }

    /// <summary>ts_rank of one lexeme depends only on how many positions it has in the document: computed once per count.</summary>
    private static readonly float[] RankByCount = Enumerable.Range(0, 256).Select(n => TextRank.RankOne(new ushort[n].Select((_, i) => (ushort)(i + 1)).ToArray())).ToArray();

    private static float RankOfCount(int count) => RankByCount[Math.Min(count, RankByCount.Length - 1)];

    private static TourRow[] Merge(TourRow[] old, IReadOnlyCollection<IndexedTour> removed, IReadOnlyCollection<IndexedTour> added, IComparer<IndexedTour> tourOrder) =>
        SortedEdit.Apply(old, removed.Select(t => new TourRow(t.Facts, t)), added.Select(t => new TourRow(t.Facts, t)), SortOrders.Rows(tourOrder));

    /// <summary>The lists keyed by what the changed tours hold (before and after) edited; every other list is shared.</summary>
    private static Dictionary<TKey, TItem[]> Regroup<TKey, TItem>(IReadOnlyDictionary<TKey, TItem[]> old, IReadOnlyCollection<IndexedTour> removed,
        IReadOnlyCollection<IndexedTour> added, Func<IndexedTour, IReadOnlyList<TKey>> keys, Func<IndexedTour, int, TItem> item, IComparer<TItem> order)
        where TKey : notnull
    {
        var incoming = Group(added);
        var leaving = Group(removed);
        var result = new Dictionary<TKey, TItem[]>(old.Count + incoming.Count);
        foreach (var (key, list) in old)
        {
            if (!incoming.ContainsKey(key) && !leaving.ContainsKey(key)) result[key] = list;
        }

        foreach (var key in incoming.Keys.Concat(leaving.Keys).Distinct())
        {
            var list = SortedEdit.Apply(old.GetValueOrDefault(key) ?? [], leaving.GetValueOrDefault(key) ?? [], incoming.GetValueOrDefault(key) ?? [], order);
            if (list.Length > 0) result[key] = list;
        }

        return result;

        Dictionary<TKey, List<TItem>> Group(IReadOnlyCollection<IndexedTour> tours)
        {
            var groups = new Dictionary<TKey, List<TItem>>();
            foreach (var tour in tours)
            {
                var ks = keys(tour);
                for (var i = 0; i < ks.Count; i++)
                {
                    if (!groups.TryGetValue(ks[i], out var list)) groups[ks[i]] = list = [];
                    list.Add(item(tour, i));
                }
            }

            return groups;
        }
    }
}
