namespace KamHub.Discovery.Search.Index;

/// <summary>
/// The next version of a sorted array after a few items left and a few came: each found by binary search, the rest
/// moved in blocks. A change to one tour of a million then costs a copy of each list it is in, not a sort of it or a
/// lookup per element (ADR 0026).
/// </summary>
internal static class SortedEdit
{
    /// <param name="removed">Items equal (by <paramref name="order"/>) to items of <paramref name="old"/>; one not found is ignored.</param>
    public static T[] Apply<T>(T[] old, IEnumerable<T> removed, IEnumerable<T> added, IComparer<T> order)
    {
        var drop = new List<int>();
        foreach (var item in removed)
        {
            var at = Array.BinarySearch(old, item, order);
            if (at >= 0) drop.Add(at);
        }

        drop.Sort();
        drop = drop.Distinct().ToList();
        var incoming = added.ToArray();
        Array.Sort(incoming, order);
        var result = new T[old.Length - drop.Count + incoming.Length];
        int from = 0, written = 0, dropped = 0;
        foreach (var item in incoming)
        {
            var at = Array.BinarySearch(old, item, order);
            var before = at >= 0 ? at : ~at;
            Copy(old, from, before, result, ref written, drop, ref dropped);
            from = before;
            result[written++] = item;
        }

        Copy(old, from, old.Length, result, ref written, drop, ref dropped);
        return result;
    }

    /// <summary>old[from..to) into result, less the positions in <paramref name="drop"/> (ascending; <paramref name="dropped"/> of them passed).</summary>
    private static void Copy<T>(T[] old, int from, int to, T[] result, ref int written, List<int> drop, ref int dropped)
    {
        while (from < to)
        {
            var end = dropped < drop.Count && drop[dropped] < to ? drop[dropped] : to;
            Array.Copy(old, from, result, written, end - from);
            written += end - from;
            from = end;
            if (end < to)
            {
                from++;
                dropped++;
            }
        }
    }
}
