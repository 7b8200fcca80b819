namespace KamHub.Partners.Assignments.MyAssignments;

/// <summary>
/// One departure of a guide's or driver's schedule: what they need on the day and nothing else of the operator's data
/// (no amounts, payments, policies or other staff).
/// </summary>
internal sealed record MyAssignmentDto(Guid AssignmentId, Guid DepartureId, string Role, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    string? TourTitleRu, string? TourTitleEn, int ParticipantCount, IReadOnlyList<ParticipantGroupDto> Participants);

/// <summary>One booking's party: its names, the contact to call, where and when a driver collects it, and its attendance once marked.</summary>
internal sealed record ParticipantGroupDto(Guid BookingId, string Reference, IReadOnlyList<string> Names, int Seats, ContactDto Contact, PickupDto? Pickup,
    string? Attendance);

internal sealed record ContactDto(string? Phone, string Email);

internal sealed record MyAssignmentList(IReadOnlyList<MyAssignmentDto> Items);
