using KamHub.Booking.Policies;
using KamHub.Core.Hosting;

namespace KamHub.Booking;

/// <summary>KamHub:Booking settings, validated on start.</summary>
internal sealed class BookingOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Booking";

    /// <summary>How long seats stay held for an unpaid booking.</summary>
    public int HoldMinutes { get; set; } = 15;

    /// <summary>How often the sweeper marks run-out holds expired (they stop counting at expiry anyway).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the trip completer looks for departures whose end has passed.</summary>
    public TimeSpan CompletionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Bookings close this many minutes before a departure unless it says otherwise.</summary>
    public int DefaultCutOffMinutes { get; set; } = 60;

    public int MaxSeatsPerBooking { get; set; } = 20;

    /// <summary>How long after a departure's start its operator or guide may mark attendance (present / no-show, ADR 0020).</summary>
    public int AttendanceGraceMinutes { get; set; } = 120;

    /// <summary>Seed demo departures and bookings on the first start (with the other demo data; off with --no-seed too).</summary>
    public bool DemoDepartures { get; set; } = true;

    /// <summary>
    /// How long the availability publisher gathers seat changes after the first one before announcing them: at most one
    /// availability.changed per departure per window, whatever the number of holds. Search shows seats this much later;
    /// capacity never depends on it (it is enforced in Booking's own tables).
    /// </summary>
    public TimeSpan AvailabilityGather { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Applies to departures scheduled without their own policy; null means <see cref="CancellationPolicy.Default"/>.</summary>
    public CancellationPolicy? DefaultCancellationPolicy { get; set; }

    public CancellationPolicy EffectiveDefaultPolicy =>
        DefaultCancellationPolicy is { Tiers.Count: > 0 } configured ? configured : CancellationPolicy.Default;

    public IEnumerable<string> Validate()
    {
        if (HoldMinutes is < 1 or > 24 * 60) yield return "KamHub:Booking:HoldMinutes must be between 1 and 1440.";
        if (SweepInterval <= TimeSpan.Zero) yield return "KamHub:Booking:SweepInterval must be positive.";
        if (CompletionInterval <= TimeSpan.Zero) yield return "KamHub:Booking:CompletionInterval must be positive.";
        if (DefaultCutOffMinutes is < 0 or > 7 * 24 * 60) yield return "KamHub:Booking:DefaultCutOffMinutes must be between 0 and 10080.";
        if (MaxSeatsPerBooking < 1) yield return "KamHub:Booking:MaxSeatsPerBooking must be positive.";
        if (AttendanceGraceMinutes is < 0 or > 7 * 24 * 60) yield return "KamHub:Booking:AttendanceGraceMinutes must be between 0 and 10080.";
        if (AvailabilityGather < TimeSpan.Zero || AvailabilityGather > TimeSpan.FromSeconds(10))
            yield return "KamHub:Booking:AvailabilityGather must be between 0 and 10 seconds.";
        if (DefaultCancellationPolicy is { Tiers.Count: > 0 } policy)
        {
            foreach (var error in policy.Validate("KamHub:Booking:DefaultCancellationPolicy")) yield return error.Message;
        }
    }
}
