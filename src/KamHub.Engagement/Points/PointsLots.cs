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
    private readonly Dictionary<(Guid BookingId, string Kind), List<(Lot Lot, long Taken)>> _spent = [];

    /// <summary>
    /// Points spent that no lot covered: an earning reversed after it was spent, or a late payment's retake of points the
    /// tourist had spent elsewhere meanwhile (ADR 0019). A debt that never lapses: it comes off the unexpired lots and the
    /// next earnings, and a return of the spending that ran into it pays it first.
    /// </summary>
    private readonly Lot _debt = new(DateTime.MaxValue, 0);

    public static PointsLots Replay(IEnumerable<PointsEntry> entries)
    {
        var lots = new PointsLots();
        // A retake's lines go after the other lines of their instant (it writes the expiry's return and itself together).
        foreach (var e in entries.OrderBy(e => e.CreatedAt).ThenBy(e => KindOrder(e.Kind)).ThenBy(e => e.Id)) lots.Apply(e);
        return lots;
    }

    /// <summary>What can be spent at <paramref name="now"/>: unexpired lots less any debt, never below zero.</summary>
    public long BalanceAt(DateTime now) => Math.Max(0, Live(now).Sum(l => l.Remaining) + _debt.Remaining);

    /// <summary>Points spent beyond what the unexpired lots hold at <paramref name="now"/>, to be paid from future earnings.</summary>
    public long OwedAt(DateTime now) => Math.Max(0, -(Live(now).Sum(l => l.Remaining) + _debt.Remaining));

    /// <summary>The unexpired lots with points left, soonest to lapse first, less any debt (taken from the soonest).</summary>
    public IEnumerable<(long Points, DateTime ExpiresAt)> ExpiringAfter(DateTime now)
    {
        var owed = -_debt.Remaining;
        foreach (var lot in Live(now).Where(l => l.Remaining > 0).OrderBy(l => l.ExpiresAt))
        {
            var paid = Math.Clamp(owed, 0, lot.Remaining);
            owed -= paid;
            if (lot.Remaining > paid) yield return (lot.Remaining - paid, lot.ExpiresAt);
        }
    }

    private IEnumerable<Lot> Live(DateTime now) => _lots.Where(l => l.ExpiresAt > now);

    /// <summary>A retake is written with the expiry's return it follows, and a return of it may share its instant too.</summary>
    private static int KindOrder(string kind) => kind switch
    {
        PointsEntry.Retaken => 1,
        PointsEntry.RetakeReturned => 2,
        _ => 0,
    };

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
            case PointsEntry.Redeemed or PointsEntry.Retaken:
                Spend((e.BookingId, e.Kind), -e.Points, e.CreatedAt);
                break;
            case PointsEntry.Returned:
                GiveBack((e.BookingId, PointsEntry.Redeemed), e.Points);
                break;
            case PointsEntry.RetakeReturned:
                GiveBack((e.BookingId, PointsEntry.Retaken), e.Points);
                break;
        }
    }

    private void Spend((Guid, string) spending, long points, DateTime at)
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

        _spent[spending] = taken;
    }

    /// <summary>
    /// Back into the lots the spending took from; what it ran into debt is paid back first (if an earning paid that debt
    /// meanwhile, those points come back into the debt's lot, which never lapses).
    /// </summary>
    private void GiveBack((Guid, string) spending, long points)
    {
        foreach (var (lot, taken) in (_spent.GetValueOrDefault(spending) ?? []).OrderBy(t => t.Lot == _debt ? 0 : 1))
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
