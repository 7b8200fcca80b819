using KamHub.Core.Errors;

namespace KamHub.Booking.Attendance;

/// <param name="Status">present or no-show.</param>
internal sealed record MarkAttendanceRequest(string? Status)
{
    public const string Present = "present";
    public const string NoShow = "no-show";

    public ValidationErrors Check() => new ValidationErrors().When(Status is not (Present or NoShow), "status", "must be present or no-show.");
}
