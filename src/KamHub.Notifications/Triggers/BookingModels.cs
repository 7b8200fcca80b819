using KamHub.Booking.Contracts;
using KamHub.Discovery.Contracts;
using KamHub.Notifications.Templates;

namespace KamHub.Notifications.Triggers;

/// <summary>The template model of a booking, with its tour's titles from the catalog.</summary>
internal sealed class BookingModels(ITourCatalog catalog)
{
    public async Task<NotificationModel> ForAsync(BookingDetails booking, CancellationToken ct)
    {
        var tour = await catalog.FindAsync(booking.TourId, ct);
        return new NotificationModel
        {
            BookingReference = booking.Reference,
            TourTitleRu = tour?.TitleRu,
            TourTitleEn = tour?.TitleEn,
            StartsAt = booking.StartsAt,
            Seats = booking.Seats,
            AmountMinor = booking.AmountMinor,
            Currency = booking.Currency,
            CustomerEmail = booking.ContactEmail,
            CustomerPhone = booking.ContactPhone,
        };
    }
}
