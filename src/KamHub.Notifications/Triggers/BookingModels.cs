using KamHub.Booking.Contracts;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Contracts;
using KamHub.Notifications.Templates;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// The template model of a booking, with its tour's titles from the catalog and the tourist's display name from Identity
/// (none when the account has no name: the greeting then goes without one; Booking's contracts name no participants).
/// </summary>
internal sealed class BookingModels(ITourCatalog catalog, IUserDirectory users)
{
    public async Task<NotificationModel> ForAsync(BookingDetails booking, CancellationToken ct)
    {
        var tour = await catalog.FindAsync(booking.TourId, ct);
        var customer = await users.FindAsync(booking.CustomerId, ct);
        return new NotificationModel
        {
            RecipientName = string.IsNullOrWhiteSpace(customer?.DisplayName) ? null : customer.DisplayName.Trim(),
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
