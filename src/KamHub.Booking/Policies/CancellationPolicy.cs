namespace KamHub.Booking.Policies;

/// <summary>
/// Refund tiers, e.g. "≥ 7 days before: 100 %, ≥ 48 h: 50 %, later: 0 %". A tier in days counts calendar days in the
/// departure's time zone (7 days before 10:00 is 10:00 local a week earlier, 167 or 169 hours across a DST change);
/// a tier in hours counts elapsed hours. The best tier whose deadline the cancellation meets (at or before it) wins;
/// none met refunds nothing.
/// </summary>
internal sealed record CancellationPolicy(IReadOnlyList<CancellationTier> Tiers)
{
    public static readonly CancellationPolicy Default = new([new CancellationTier(7, null, 100), new CancellationTier(null, 48, 50)]);

    public IEnumerable<(string Field, string Message)> Validate(string field)
    {
        if (Tiers is null || Tiers.Count == 0) yield return (field + ".tiers", "must list at least one tier.");
        else if (Tiers.Count > 10) yield return (field + ".tiers", "must list at most 10 tiers.");
        else
        {
            for (var i = 0; i < Tiers.Count; i++)
            {
                var tier = Tiers[i];
                var at = $"{field}.tiers[{i}]";
                if (tier is null) yield return (at, "is required.");
                else if ((tier.DaysBefore is null) == (tier.HoursBefore is null)) yield return (at, "must give exactly one of daysBefore and hoursBefore.");
                else if (tier.DaysBefore is < 0 or > 365 || tier.HoursBefore is < 0 or > 8760) yield return (at, "notice must be between 0 and 365 days (8760 hours).");
                else if (tier.RefundPercent is < 0 or > 100) yield return (at + ".refundPercent", "must be between 0 and 100.");
            }
        }
    }

    /// <summary>The refund percent for cancelling at <paramref name="cancelledAtUtc"/> a departure starting at <paramref name="startsAtUtc"/> in <paramref name="zone"/>.</summary>
    public int RefundPercentAt(DateTime cancelledAtUtc, DateTime startsAtUtc, TimeZoneInfo zone) =>
        Tiers.Where(t => cancelledAtUtc <= t.Deadline(startsAtUtc, zone)).Select(t => t.RefundPercent).DefaultIfEmpty(0).Max();
}

/// <param name="DaysBefore">Calendar days before the start, counted in the departure's zone.</param>
/// <param name="HoursBefore">Elapsed hours before the start.</param>
internal sealed record CancellationTier(int? DaysBefore, int? HoursBefore, int RefundPercent)
{
    public DateTime Deadline(DateTime startsAtUtc, TimeZoneInfo zone)
    {
        if (HoursBefore is { } hours) return startsAtUtc.AddHours(-hours);
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(startsAtUtc, zone);
        return DepartureTimeZones.ToUtc(localStart.AddDays(-(DaysBefore ?? 0)), zone);
    }
}
