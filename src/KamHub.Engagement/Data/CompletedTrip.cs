namespace KamHub.Engagement.Data;

/// <summary>A completed booking as booking.completed told it: who may review it, of which tour, until when.</summary>
internal sealed class CompletedTrip
{
    public Guid BookingId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid TourId { get; set; }

    public Guid OperatorId { get; set; }

    public long PaidMinor { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>When Booking completed it; the review window counts from here.</summary>
    public DateTime CompletedAt { get; set; }
}
