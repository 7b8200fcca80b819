using KamHub.Booking.Policies;

namespace KamHub.Booking.Departures.EditDeparture;

/// <summary>Only the fields given change. A new start needs startsAt (timeZone defaults to the departure's).</summary>
internal sealed record EditDepartureRequest(
    string? StartsAt,
    string? TimeZone,
    int? Capacity,
    long? PriceOverride,
    long? ChildPriceOverride,
    int? CutOffMinutes,
    CancellationPolicy? CancellationPolicy);
