using KamHub.Core.Errors;
using KamHub.Partners.Data;

namespace KamHub.Partners.Assignments.ChangePickups;

/// <summary>The whole list of pickups of a transfer assignment: it replaces what was there.</summary>
internal sealed record ChangePickupsRequest(IReadOnlyList<PickupRequest?>? Pickups)
{
    public const int MaxPickups = 200;

    public ValidationErrors Check()
    {
        var errors = new ValidationErrors();
        if (Pickups is null) return errors.Add("pickups", "is required (an empty list removes every pickup).");
        errors.When(Pickups.Count > MaxPickups, "pickups", $"may list at most {MaxPickups} bookings.");
        for (var i = 0; i < Pickups.Count && i < MaxPickups; i++)
        {
            var pickup = Pickups[i];
            errors.When(pickup?.BookingId is null || pickup.BookingId == Guid.Empty, $"pickups[{i}].bookingId", "is required.");
            errors.Required(pickup?.Point, $"pickups[{i}].point", Pickup.PointMaxLength);
            errors.When(pickup?.At is null, $"pickups[{i}].at", "is required: an instant with its offset, e.g. 2027-07-01T07:15:00+12:00.");
        }

        errors.When(Pickups.Where(p => p?.BookingId is not null).GroupBy(p => p!.BookingId).Any(g => g.Count() > 1), "pickups", "names a booking twice.");
        return errors;
    }
}

internal sealed record PickupRequest(Guid? BookingId, string? Point, DateTimeOffset? At);
