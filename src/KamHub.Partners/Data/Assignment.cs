namespace KamHub.Partners.Data;

/// <summary>
/// A guide or transfer driver on a departure. The departure's times are copied from Booking when assigned and kept up
/// to date from departure.rescheduled: the overlap rule compares them without asking Booking.
/// </summary>
internal sealed class Assignment
{
    public Guid Id { get; set; }

    public Guid DepartureId { get; set; }

    public Guid TourId { get; set; }

    public Guid OperatorId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>guide or transfer.</summary>
    public string Role { get; set; } = "";

    /// <summary>UTC start of the departure.</summary>
    public DateTime StartsAt { get; set; }

    /// <summary>UTC end of the departure (or start + the fallback duration when Booking had none).</summary>
    public DateTime EndsAt { get; set; }

    public string TimeZone { get; set; } = "";

    public string Status { get; set; } = AssignmentStatus.Active;

    public Guid AssignedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    public string? CancellationReason { get; set; }
}

internal static class AssignmentStatus
{
    public const string Active = "active";
    public const string Cancelled = "cancelled";
}
