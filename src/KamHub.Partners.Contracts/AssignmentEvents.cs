namespace KamHub.Partners.Contracts;

// Integration events of guide and transfer-driver assignments (ADR 0020). Aggregate: the assignment.

/// <summary><c>assignment.created</c>: the departure's operator assigned a guide or a transfer driver to it.</summary>
/// <param name="Role">guide or transfer.</param>
/// <param name="StartsAt">The departure's UTC start; <paramref name="TimeZone"/> the IANA zone it is shown in.</param>
public sealed record AssignmentCreated(
    Guid AssignmentId,
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    Guid UserId,
    string Role,
    DateTimeOffset StartsAt,
    string TimeZone,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "assignment.created";
    public const int EventVersion = 1;
}

/// <summary>
/// <c>assignment.changed</c>: what the assignee needs to know changed: pickup points and times (<paramref name="Change"/>
/// = pickups) or the departure's start (rescheduled).
/// </summary>
public sealed record AssignmentChanged(
    Guid AssignmentId,
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    Guid UserId,
    string Role,
    string Change,
    DateTimeOffset StartsAt,
    string TimeZone,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "assignment.changed";
    public const int EventVersion = 1;
}

/// <summary><c>assignment.cancelled</c>: the operator removed the assignee (<paramref name="Reason"/> = removed) or the departure was cancelled (departure-cancelled).</summary>
public sealed record AssignmentCancelled(
    Guid AssignmentId,
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    Guid UserId,
    string Role,
    string Reason,
    DateTimeOffset StartsAt,
    string TimeZone,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "assignment.cancelled";
    public const int EventVersion = 1;
}
