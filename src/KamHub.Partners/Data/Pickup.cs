namespace KamHub.Partners.Data;

/// <summary>Where and when a transfer driver collects one booking's party.</summary>
internal sealed class Pickup
{
    public const int PointMaxLength = 300;

    public Guid AssignmentId { get; set; }

    public Guid BookingId { get; set; }

    public string Point { get; set; } = "";

    /// <summary>UTC instant of the pickup.</summary>
    public DateTime PickupAt { get; set; }
}
