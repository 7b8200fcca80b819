using KamHub.Core.Events;
using Microsoft.Extensions.Caching.Hybrid;

namespace KamHub.Discovery.Tours;

/// <summary>
/// Subscriber <c>discovery.tour-cache</c> of <c>tour.*</c>: drops the changed tour's cached entries and every cached
/// search. Because it runs from the outbox, the invalidation happens even when the process dies right after the
/// commit; the endpoints also invalidate at once, so the caller reads its own write without waiting for delivery.
/// </summary>
internal sealed class TourCacheInvalidation(HybridCache cache) : IEventHandler
{
    public const string Name = "discovery.tour-cache";
    public const string Pattern = "tour.*";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var tour = envelope.PayloadAs<TourReference>();
        await TourCache.InvalidateAsync(cache, tour.TourId, tour.Slug, ct);
    }

    /// <summary>What every tour.* payload carries (any version).</summary>
    private sealed record TourReference(Guid TourId, string Slug);
}
