namespace KamHub.Discovery.Search.Index;

/// <summary>The first <c>count</c> rows of an order among rows offered in any order: a heap holding the worst kept row on top.</summary>
internal sealed class TopRows<T>(int count, IComparer<T> order)
{
    private readonly PriorityQueue<T, T> _kept = new(count + 1, Comparer<T>.Create((a, b) => order.Compare(b, a)));

    public void Offer(T row)
    {
        if (_kept.Count < count) _kept.Enqueue(row, row);
        else if (order.Compare(row, _kept.Peek()) < 0) _kept.EnqueueDequeue(row, row);
    }

    public List<T> InOrder()
    {
        var rows = new List<T>(_kept.Count);
        while (_kept.Count > 0) rows.Add(_kept.Dequeue());
        rows.Reverse();
        return rows;
    }
}
