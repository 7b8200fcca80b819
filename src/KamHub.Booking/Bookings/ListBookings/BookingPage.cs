using KamHub.Booking.Data;
using KamHub.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Bookings.ListBookings;

/// <summary>Newest first; <paramref name="NextCursor"/> (the last id) is null on the last page.</summary>
internal sealed record BookingPage(IReadOnlyList<BookingDto> Items, string? NextCursor)
{
    public const int MaxLimit = 100;

    /// <summary>Keyset paging on the id (version 7 GUIDs grow with time), never OFFSET.</summary>
    public static async Task<BookingPage> ReadAsync(BookingDbContext db, IQueryable<TourBooking> bookings, Guid? after, int limit, DateTime now, CancellationToken ct)
    {
        if (after is { } cursor) bookings = bookings.Where(b => b.Id.CompareTo(cursor) < 0);
        var rows = await bookings.OrderByDescending(b => b.Id).Take(limit + 1).AsNoTracking().ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var departureIds = page.Select(b => b.DepartureId).Distinct().ToList();
        var departures = await db.Departures.AsNoTracking().Where(d => departureIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var items = page.Select(b => BookingDto.From(b, departures.GetValueOrDefault(b.DepartureId), now)).ToList();
        return new BookingPage(items, rows.Count > limit ? page[^1].Id.ToString() : null);
    }

    public static (Guid? Cursor, int Limit) Parse(string? cursor, int? limit, ValidationErrors errors) =>
        (errors.IdCursor(cursor), errors.Limit(limit, 20, MaxLimit));
}
