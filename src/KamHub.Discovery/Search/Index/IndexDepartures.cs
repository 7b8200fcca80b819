using System.Collections.Concurrent;
using KamHub.Discovery.Availability;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// Each indexed tour's upcoming departures (not cancelled, in start order), from Discovery's departures projection. A
/// tour's list is replaced whole when one of its departures changes, so a list instance is never modified once shown:
/// a rendered answer may recognise it by reference, as it does the departures cache's lists.
/// </summary>
internal sealed class IndexDepartures
{
    private readonly ConcurrentDictionary<Guid, List<UpcomingDeparture>> _lists = new();
    private readonly ConcurrentDictionary<Guid, IndexedTour> _tours;

    /// <summary>
    /// Tours by the UTC day a departure of theirs starts: a window's candidates without reading every tour's list. May
    /// briefly hold a tour that no longer departs that day (readers test the tour's list itself), never miss one.
    /// </summary>
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, byte>> _byDay = new();

    public IndexDepartures(ConcurrentDictionary<Guid, IndexedTour> tours) => _tours = tours;

    public List<UpcomingDeparture> Of(Guid tourId) => _lists.GetValueOrDefault(tourId) ?? Empty;

    public bool AnyMatch(Guid tourId, DepartureWindow window, DateTime now)
    {
        if (!_lists.TryGetValue(tourId, out var list)) return false;
        foreach (var departure in list)
        {
            if (window.Matches(departure, now)) return true;
        }

        return false;
    }

    /// <summary>At most how many tours can have a departure in the window (a tour departing on several of its days counts for each).</summary>
    public int CountIn(DepartureWindow window, DateTime now)
    {
        var (first, last) = Days(window, now);
        var count = 0;
        foreach (var (day, tours) in _byDay)
        {
            if (day >= first && day <= last) count += tours.Count;
        }

        return count;
    }

    /// <summary>The indexed tours with a departure starting on a day the window can hold (each once): candidates, not yet tested.</summary>
    public void EachIn(DepartureWindow window, DateTime now, Action<IndexedTour> visit)
    {
        var (first, last) = Days(window, now);
        var seen = new HashSet<Guid>();
        foreach (var (day, tours) in _byDay)
        {
            if (day < first || day > last) continue;
            foreach (var id in tours.Keys)
            {
                if (seen.Add(id) && _tours.TryGetValue(id, out var tour)) visit(tour);
            }
        }
    }

    /// <summary>
    /// The UTC days a matching departure can start on: not before today, and within a day of a calendar-date bound (a
    /// departure's wall clock is at most 14 hours off UTC).
    /// </summary>
    private static (int First, int Last) Days(DepartureWindow w, DateTime now)
    {
        var first = DayOf(now);
        if (w.FromUtc is { } fromUtc) first = Math.Max(first, DayOf(fromUtc));
        if (w.FromLocal is { } fromLocal) first = Math.Max(first, DayOf(fromLocal) - 1);
        var last = int.MaxValue;
        if (w.ToUtc is { } toUtc) last = Math.Min(last, DayOf(toUtc));
        if (w.ToLocal is { } toLocal) last = Math.Min(last, DayOf(toLocal) + 1);
        return (first, last);
    }

    private static int DayOf(DateTime t) => (int)(t.Ticks / TimeSpan.TicksPerDay);

    public void Replace(Guid tourId, List<UpcomingDeparture> list)
    {
        var before = _lists.GetValueOrDefault(tourId) ?? Empty;
        // New days first, the list, then days it no longer has: a reader sees a superset, never less.
        foreach (var departure in list) _byDay.GetOrAdd(DayOf(departure.StartsAt), _ => new ConcurrentDictionary<Guid, byte>())[tourId] = 0;
        if (list.Count == 0) _lists.TryRemove(tourId, out _);
        else _lists[tourId] = list;
        var kept = list.Select(d => DayOf(d.StartsAt)).ToHashSet();
        foreach (var departure in before)
        {
            var day = DayOf(departure.StartsAt);
            if (!kept.Contains(day) && _byDay.TryGetValue(day, out var tours)) tours.TryRemove(tourId, out _);
        }
    }

    public void Clear()
    {
        _lists.Clear();
        _byDay.Clear();
    }

    private static readonly List<UpcomingDeparture> Empty = [];
}
