namespace KamHub.Booking.Data;

/// <summary>The partial index predicate shared by the model and its migration: a departure with seat changes not yet announced.</summary>
internal static class DepartureAvailabilityDue
{
    public const string Filter = "availability_version <> availability_published";
}
