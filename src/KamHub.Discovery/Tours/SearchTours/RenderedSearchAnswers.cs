using KamHub.Discovery.Availability;
using Microsoft.Extensions.Caching.Memory;

namespace KamHub.Discovery.Tours.SearchTours;

/// <summary>
/// The JSON bytes of recent search answers, so a popular search is not serialized again on every request (about half
/// of a cached search's CPU). An answer is reused only while it is provably current: built from the very same cached
/// page and the very same per-tour departure lists (same instances: any invalidation, on this node or through the
/// backplane, replaces them), and before the first shown departure starts (then another one becomes "next").
/// Process-local and bounded by size; losing it only costs a serialization.
/// </summary>
internal sealed class RenderedSearchAnswers : IDisposable
{
    private const long MaxBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    public byte[]? Find(string key, SearchPage page, List<UpcomingDeparture>[] departures, DateTime now) =>
        _answers.TryGetValue(key, out Rendered? rendered) && rendered!.IsCurrent(page, departures, now) ? rendered.Json : null;

    public void Keep(string key, SearchPage page, List<UpcomingDeparture>[] departures, DateTime validUntil, byte[] json) =>
        _answers.Set(key, new Rendered(page, departures, validUntil, json), new MemoryCacheEntryOptions
        {
            Size = json.Length + 256,
            // Entries pin the page and lists they were built from; a quiet search lets them go.
            SlidingExpiration = TimeSpan.FromMinutes(5),
        });

    public void Dispose() => _answers.Dispose();

    private sealed record Rendered(SearchPage Page, List<UpcomingDeparture>[] Departures, DateTime ValidUntil, byte[] Json)
    {
        public bool IsCurrent(SearchPage page, List<UpcomingDeparture>[] departures, DateTime now)
        {
            if (!ReferenceEquals(Page, page) || now >= ValidUntil || Departures.Length != departures.Length) return false;
            for (var i = 0; i < departures.Length; i++)
            {
                if (!ReferenceEquals(Departures[i], departures[i])) return false;
            }

            return true;
        }
    }
}
