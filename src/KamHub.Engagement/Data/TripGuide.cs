namespace KamHub.Engagement.Data;

/// <summary>
/// A guide on a departure, as Partners announced it (assignment.created, gone at assignment.cancelled; ADR 0024): the
/// guides of a booking's departure take part in its conversation as the side "guide".
/// </summary>
internal sealed class TripGuide
{
    public Guid AssignmentId { get; set; }

    public Guid DepartureId { get; set; }

    public Guid UserId { get; set; }
}
