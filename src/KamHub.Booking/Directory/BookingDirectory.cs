using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Booking.Directory;

/// <summary>The read-only facade other modules use for booking details (contacts, start, reference).</summary>
internal sealed class BookingDirectory(BookingDbContext db) : IBookingDirectory
{
    public async Task<BookingDetails?> FindAsync(Guid bookingId, CancellationToken ct) =>
        (await QueryAsync(db.Bookings.Where(b => b.Id == bookingId), ct)).FirstOrDefault();

    public async Task<IReadOnlyList<BookingDetails>> ConfirmedOfDepartureAsync(Guid departureId, CancellationToken ct) =>
        await QueryAsync(db.Bookings.Where(b => b.DepartureId == departureId && b.Status == BookingStatus.Confirmed), ct);

    private async Task<List<BookingDetails>> QueryAsync(IQueryable<TourBooking> bookings, CancellationToken ct)
    {
        var rows = await bookings.AsNoTracking()
            .Join(db.Departures.AsNoTracking(), b => b.DepartureId, d => d.Id, (b, d) => new { Booking = b, d.StartsAt, d.TimeZone })
            .ToListAsync(ct);
        return rows.Select(r => new BookingDetails(r.Booking.Id, r.Booking.Reference, r.Booking.TourId, r.Booking.OperatorId, r.Booking.DepartureId,
            StoredTime.Utc(r.StartsAt), r.TimeZone, r.Booking.CustomerId, r.Booking.ContactEmail, r.Booking.ContactPhone, r.Booking.Seats,
            r.Booking.AmountMinor, r.Booking.Currency, r.Booking.Status)).ToList();
    }
}
