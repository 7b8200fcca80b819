namespace KamHub.Booking.Contracts;

/// <summary>
/// <c>attendance.marked</c>: the operator or the departure's assigned guide or transfer driver marked a booking present or no-show at the
/// departure (ADR 0020). A no-show booking never completes; marking it present again returns it to confirmed.
/// Aggregate: the booking.
/// </summary>
/// <param name="Attendance">present or no-show.</param>
/// <param name="MarkedBy">The user who marked it; <paramref name="MarkedAs"/> operator, admin, guide or transfer (ADR 0023).</param>
public sealed record AttendanceMarked(
    Guid BookingId,
    Guid DepartureId,
    Guid TourId,
    Guid OperatorId,
    Guid CustomerId,
    string Attendance,
    Guid MarkedBy,
    string MarkedAs,
    DateTimeOffset OccurredAt)
{
    public const string EventName = "attendance.marked";
    public const int EventVersion = 1;
}
