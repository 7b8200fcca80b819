using KamHub.Discovery.Contracts;

namespace KamHub.Booking.Policies;

/// <summary>
/// The policy a departure without its own tiers falls back to: the tour's (from the catalog), else the configured
/// default. Departure ?? tour ?? default, copied onto each booking when it is made.
/// </summary>
internal static class TourPolicy
{
    public static CancellationPolicy? From(TourCancellationPolicy? policy) =>
        policy is { Tiers.Count: > 0 } ? new CancellationPolicy(policy.Tiers.Select(t => new CancellationTier(t.DaysBefore, t.HoursBefore, t.RefundPercent)).ToList()) : null;

    public static CancellationPolicy Fallback(TourSummary? tour, BookingOptions options) => From(tour?.CancellationPolicy) ?? options.EffectiveDefaultPolicy;

    public static async Task<CancellationPolicy> FallbackAsync(ITourCatalog catalog, Guid tourId, BookingOptions options, CancellationToken ct) =>
        Fallback(await catalog.FindAsync(tourId, ct), options);
}
