namespace KamHub.Discovery.Contracts;

/// <summary>
/// A tour's refund tiers, e.g. "≥ 7 days before: 100 %, ≥ 48 h: 50 %". Booking copies them onto a booking made on a
/// departure that has no policy of its own; a later change of the tour's tiers leaves existing bookings as they were.
/// </summary>
public sealed record TourCancellationPolicy(IReadOnlyList<TourRefundTier> Tiers);

/// <summary>Exactly one of <paramref name="DaysBefore"/> (calendar days in the departure's zone) and <paramref name="HoursBefore"/> (elapsed hours).</summary>
public sealed record TourRefundTier(int? DaysBefore, int? HoursBefore, int RefundPercent);
