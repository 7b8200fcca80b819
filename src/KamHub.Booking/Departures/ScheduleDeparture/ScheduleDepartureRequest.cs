using KamHub.Booking.Policies;

namespace KamHub.Booking.Departures.ScheduleDeparture;

/// <param name="StartsAt">Wall-clock time in <paramref name="TimeZone"/>, e.g. 2027-07-01T08:00.</param>
/// <param name="PriceOverride">Per seat in minor units; the tour's base price when omitted.</param>
/// <param name="ChildPriceOverride">Per child seat; the tour's child price (or, without one, the adult price) when omitted.</param>
/// <param name="CancellationPolicy">This departure's refund tiers; the tour's policy, else the configured default, when omitted.</param>
internal sealed record ScheduleDepartureRequest(
    string? StartsAt,
    string? TimeZone,
    int? Capacity,
    long? PriceOverride,
    long? ChildPriceOverride,
    int? CutOffMinutes,
    CancellationPolicy? CancellationPolicy);
