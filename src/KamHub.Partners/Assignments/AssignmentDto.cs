using KamHub.Partners.Data;

namespace KamHub.Partners.Assignments;

internal sealed record PickupDto(Guid BookingId, string Point, DateTimeOffset At);

/// <summary>An assignment as its operator sees it.</summary>
internal sealed record AssignmentDto(Guid Id, Guid DepartureId, Guid UserId, string Role, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string TimeZone, IReadOnlyList<PickupDto> Pickups, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, string? CancellationReason)
{
    public static AssignmentDto From(Assignment a, IEnumerable<Pickup> pickups) => new(a.Id, a.DepartureId, a.UserId, a.Role, a.Status,
        PartnersClock.Utc(a.StartsAt), PartnersClock.Utc(a.EndsAt), a.TimeZone,
        pickups.OrderBy(p => p.PickupAt).Select(p => new PickupDto(p.BookingId, p.Point, PartnersClock.Utc(p.PickupAt))).ToList(),
        PartnersClock.Utc(a.CreatedAt), a.CancelledAt is { } c ? PartnersClock.Utc(c) : null, a.CancellationReason);
}
