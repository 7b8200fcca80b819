using System.Text.Json;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Booking.Directory;

/// <summary>The read-only facade Partners uses for a departure's times and who travels on it (ADR 0020).</summary>
internal sealed class DepartureRoster(BookingDbContext db) : IDepartureRoster
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DepartureSummary?> FindAsync(Guid departureId, CancellationToken ct)
    {
        var d = await db.Departures.AsNoTracking().FirstOrDefaultAsync(x => x.Id == departureId, ct);
        return d is null ? null : new DepartureSummary(d.Id, d.TourId, d.OperatorId, StoredTime.Utc(d.StartsAt),
            d.EndsAt is { } end ? StoredTime.Utc(end) : null, d.TimeZone, d.Status);
    }

    public async Task<IReadOnlyList<RosterBooking>> BookingsAsync(Guid departureId, CancellationToken ct)
    {
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.DepartureId == departureId
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed || b.Status == BookingStatus.NoShow))
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync(ct);
        return rows.Select(b => new RosterBooking(b.Id, b.Reference, Names(b.Participants), b.Seats, b.ContactEmail, b.ContactPhone, b.Status, b.Attendance))
            .ToList();
    }

    private static List<string> Names(string participantsJson) =>
        (JsonSerializer.Deserialize<List<Participant>>(participantsJson, Json) ?? []).Select(p => p.Name).ToList();

    private sealed record Participant(string Name);
}
