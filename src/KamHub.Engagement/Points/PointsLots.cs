using KamHub.Engagement.Data;

namespace KamHub.Engagement.Points;

/// <summary>
/// Replays a user's ledger lines in the order they were written into lots (one per earning, with its expiry), so
/// spending consumes the oldest unexpired points first and a return puts the points back into the lots they came
/// from, with their original expiry (a point spent and given back still lapses when it would have). Pure: the ledger
/// is append-only and this is the only interpretation of it (ADR 0019).
/// </summary>
internal sealed class PointsLots
{
    private readonly List<Lot> _lots = [];
    private readonly Dictionary<Guid, List<(Lot Lot, long Taken)>> _spent = [];

    /// <summary>Points spent that no lot covered (only possible when an earning was reversed after it was spent): a debt that never lapses.</summary>
    private readonly Lot _debt = new(DateTime.MaxValue, 0);

    public static PointsLots Replay(IEnumerable<PointsEntry> entries)
    {
        var lots = new PointsLots();
        foreach (var e in entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)) lots.Apply(e);
        return lots;
    }

    /// <summary>What can be spent at <paramref name="now"/>: unexpired lots less any debt, never below zero.</summary>
    public long BalanceAt(DateTime now) => Math.Max(0, Live(now).Sum(l => l.Remaining) + _debt.Remaining);

    /// <summary>The unexpired lots with points left, soonest to lapse first.</summary>
    public IEnumerable<(long Points, DateTime ExpiresAt)> ExpiringAfter(DateTime now) =>
        Live(now).Where(l => l.Remaining > 0).OrderBy(l => l.ExpiresAt).Select(l => (l.Remaining, l.ExpiresAt));

    private IEnumerable<Lot> Live(DateTime now) => _lots.Where(l => l.ExpiresAt > now);

    private void Apply(PointsEntry e)
    {
        switch (e.Kind)
        {
            case PointsEntry.Earned:
                _lots.Add(new Lot(e.ExpiresAt ?? DateTime.MaxValue, e.Points) { BookingId = e.BookingId });
                break;
            case PointsEntry.Reversed:
                (_lots.FirstOrDefault(l => l.BookingId == e.BookingId) ?? _debt).Remaining += e.Points;
                break;
            case PointsEntry.Redeemed:
                Spend(e.BookingId, -e.Points, e.CreatedAt);
                break;
            case PointsEntry.Returned:
                GiveBack(e.BookingId, e.Points);
                break;
        }
    }

    private void Spend(Guid bookingId, long points, DateTime at)
    {
        var taken = new List<(Lot, long)>();
        foreach (var lot in _lots.Where(l => l.ExpiresAt > at && l.Remaining > 0).OrderBy(l => l.ExpiresAt))
        {
            if (points == 0) break;
            var take = Math.Min(points, lot.Remaining);
            lot.Remaining -= take;
            points -= take;
            taken.Add((lot, take));
        }

        if (points > 0)
        {
            _debt.Remaining -= points;
            taken.Add((_debt, points));
        }

        _spent[bookingId] = taken;
    }

    private void GiveBack(Guid bookingId, long points)
    {
        foreach (var (lot, taken) in _spent.GetValueOrDefault(bookingId) ?? [])
        {
            if (points == 0) return;
            var back = Math.Min(points, taken);
            lot.Remaining += back;
            points -= back;
        }
    }

    private sealed class Lot(DateTime expiresAt, long remaining)
    {
        public Guid? BookingId { get; init; }

        public DateTime ExpiresAt { get; } = expiresAt;

        public long Remaining { get; set; } = remaining;
    }
}
