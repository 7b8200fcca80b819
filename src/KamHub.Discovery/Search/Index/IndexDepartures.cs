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

    public IndexDepartures(ConcurrentDictionary<Guid, IndexedTour> tours) => _tours = tours;

    public int TourCount => _lists.Count;

    /// <summary>The indexed (published) tours that have a departure list: a window search's candidates.</summary>
    public IndexedTour[] Tours() => _lists.Keys.Select(id => _tours.GetValueOrDefault(id)).OfType<IndexedTour>().ToArray();

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

    public void Replace(Guid tourId, List<UpcomingDeparture> list)
    {
        if (list.Count == 0) _lists.TryRemove(tourId, out _);
        else _lists[tourId] = list;
    }

    public void Clear() => _lists.Clear();

    private static readonly List<UpcomingDeparture> Empty = [];
}
