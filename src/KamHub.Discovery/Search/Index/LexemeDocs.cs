namespace KamHub.Discovery.Search.Index;

/// <summary>
/// The tours holding one lexeme, by ascending ordinal, with the lexeme's positions in each, in flat arrays: ranking a
/// search of several words reads its words' lists side by side in memory order instead of visiting each tour (a
/// million-tour catalogue's common pair is some 80,000 tours; scattered reads cost about a microsecond each).
/// Immutable; a change builds the next list from this one.
/// </summary>
internal sealed class LexemeDocs
{
    private readonly int[] _starts;
    private readonly ushort[] _positions;

    private LexemeDocs(int[] ordinals, int[] starts, ushort[] positions)
    {
        Ordinals = ordinals;
        _starts = starts;
        _positions = positions;
    }

    public int[] Ordinals { get; }

    public int Count => Ordinals.Length;

    /// <summary>The positions of the lexeme in the <paramref name="index"/>-th tour of the list.</summary>
    public ReadOnlyMemory<ushort> PositionsAt(int index) => _positions.AsMemory(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>
    /// The list index of <paramref name="ordinal"/> at or after <paramref name="from"/>, or the complement of where it
    /// would be: lists are walked forward together, so the search gallops from the last place.
    /// </summary>
    public int Find(int ordinal, int from)
    {
        var step = 1;
        var hi = from;
        while (hi < Ordinals.Length && Ordinals[hi] < ordinal)
        {
            from = hi + 1;
            hi += step;
            step <<= 1;
        }

        return Array.BinarySearch(Ordinals, from, Math.Min(hi + 1, Ordinals.Length) - from, ordinal);
    }

    /// <summary>The documents of the lexemes the changed tours hold (before and after) rebuilt; every other list shared.</summary>
    public static Dictionary<int, LexemeDocs> Regroup(IReadOnlyDictionary<int, LexemeDocs> old, IReadOnlyCollection<IndexedTour> removed,
        IReadOnlyCollection<IndexedTour> added)
    {
        var gone = removed.Select(t => t.Ordinal).Order().ToArray();
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
                size = (size.Tours + 1, size.Positions + t.PositionCount(i));
            }
        }

        var builders = new Dictionary<int, Builder>(sizes.Count);
        foreach (var (id, size) in sizes)
        {
            var before = old.GetValueOrDefault(id);
            var builder = new Builder(size.Tours + (before?.Count ?? 0), size.Positions + (before?.PositionCount ?? 0));
            if (before is not null) builder.AddKept(before, gone);
            builders[id] = builder;
        }

        // New ordinals are greater than every kept one: appended in order, each list stays sorted.
        foreach (var t in added.OrderBy(t => t.Ordinal))
        {
            for (var i = 0; i < t.LexemeIds.Length; i++) builders[t.LexemeIds[i]].Add(t.Ordinal, t.PositionsAt(i).Span);
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

    public int PositionCount => _positions.Length;

    /// <summary>Builds a list: the kept tours of an older one first, then new tours (greater ordinals, ascending).</summary>
    internal sealed class Builder(int tours, int positions)
    {
        private readonly int[] _ordinals = new int[tours];
        private readonly int[] _starts = new int[tours + 1];
        private readonly ushort[] _positions = new ushort[positions];
        private int _count;
        private int _used;

        /// <summary>The tours of <paramref name="old"/> but those in <paramref name="gone"/> (ascending), moved in blocks.</summary>
        public void AddKept(LexemeDocs old, int[] gone)
        {
            var from = 0;
            foreach (var ordinal in gone)
            {
                var at = Array.BinarySearch(old.Ordinals, from, old.Count - from, ordinal);
                if (at < 0) continue;
                AddRange(old, from, at);
                from = at + 1;
            }

            AddRange(old, from, old.Count);
        }

        private void AddRange(LexemeDocs old, int from, int to)
        {
            if (to <= from) return;
            Array.Copy(old.Ordinals, from, _ordinals, _count, to - from);
            var (first, end) = (old._starts[from], old._starts[to]);
            Array.Copy(old._positions, first, _positions, _used, end - first);
            var shift = _used - first;
            for (var i = from; i < to; i++) _starts[_count + (i - from) + 1] = old._starts[i + 1] + shift;
            _count += to - from;
            _used += end - first;
        }

        public void Add(int ordinal, ReadOnlySpan<ushort> positions)
        {
            _ordinals[_count] = ordinal;
            positions.CopyTo(_positions.AsSpan(_used));
            _used += positions.Length;
            _starts[++_count] = _used;
        }

        public LexemeDocs? Build() => _count == 0 ? null
            : _count == _ordinals.Length && _used == _positions.Length ? new LexemeDocs(_ordinals, _starts, _positions)
            : new LexemeDocs(_ordinals[.._count], _starts[..(_count + 1)], _positions[.._used]);
    }
}
