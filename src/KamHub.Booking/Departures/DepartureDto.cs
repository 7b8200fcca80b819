using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Core.Time;

namespace KamHub.Booking.Departures;

/// <param name="StartsAt">UTC instant.</param>
/// <param name="LocalStartsAt">Wall-clock start in <paramref name="TimeZone"/>, as the operator entered it.</param>
/// <param name="Price">Per adult seat, integer minor units of <paramref name="Currency"/>.</param>
/// <param name="ChildPrice">Per child seat: the departure's or tour's child fare, never above <paramref name="Price"/>.</param>
/// <param name="CancellationPolicy">The departure's own tiers, else the tour's, else the configured default: what a booking made now copies.</param>
internal sealed record DepartureDto(
    Guid Id,
    Guid TourId,
    DateTimeOffset StartsAt,
    string LocalStartsAt,
    string TimeZone,
    int Capacity,
    int SeatsLeft,
    long Price,
    long ChildPrice,
    string Currency,
    bool PriceOverridden,
    int CutOffMinutes,
    DateTimeOffset BookingClosesAt,
    string Status,
    CancellationPolicy CancellationPolicy)
{
    public static DepartureDto From(Departure d, int seatsLeft, CancellationPolicy defaultPolicy)
    {
        var zone = TimeZones.FindOrUtc(d.TimeZone);
        return new DepartureDto(d.Id, d.TourId, StoredTime.Utc(d.StartsAt), DepartureTimeZones.LocalIso(d.StartsAt, zone), d.TimeZone, d.Capacity,
            seatsLeft, d.PriceMinor, d.ChildFare, d.Currency, d.PriceOverridden, d.CutOffMinutes, StoredTime.Utc(d.StartsAt.AddMinutes(-d.CutOffMinutes)), d.Status,
            PolicyJson.Read(d.CancellationPolicy, defaultPolicy));
    }
}
