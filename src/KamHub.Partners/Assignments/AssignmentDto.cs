using KamHub.Identity.Contracts;
using KamHub.Partners.Data;
using KamHub.Core.Time;

namespace KamHub.Partners.Assignments;

internal sealed record PickupDto(Guid BookingId, string Point, DateTimeOffset At);

/// <summary>An assignment as its operator sees it; <paramref name="Email"/> and <paramref name="Name"/> are the person's, where read.</summary>
internal sealed record AssignmentDto(Guid Id, Guid DepartureId, Guid UserId, string Role, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string TimeZone, IReadOnlyList<PickupDto> Pickups, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, string? CancellationReason,
    string? Email = null, string? Name = null)
{
    public static AssignmentDto From(Assignment a, IEnumerable<Pickup> pickups, UserContact? person = null) => new(a.Id, a.DepartureId, a.UserId, a.Role, a.Status,
        StoredTime.Utc(a.StartsAt), StoredTime.Utc(a.EndsAt), a.TimeZone,
        pickups.OrderBy(p => p.PickupAt).Select(p => new PickupDto(p.BookingId, p.Point, StoredTime.Utc(p.PickupAt))).ToList(),
        StoredTime.Utc(a.CreatedAt), a.CancelledAt is { } c ? StoredTime.Utc(c) : null, a.CancellationReason, person?.Email, person?.DisplayName);
}
