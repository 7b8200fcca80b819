namespace KamHub.Notifications.Templates;

/// <summary>
/// Sample data for previews and the all-templates test. The start, 2027-07-01T14:30Z, is 2 July 02:30 in Kamchatka
/// (UTC+12): a date that crosses midnight, so a template showing UTC instead of local time is caught.
/// </summary>
internal static class SampleModels
{
    public static readonly DateTimeOffset StartsAt = new(2027, 7, 1, 14, 30, 0, TimeSpan.Zero);
    public const string TimeZone = "Asia/Kamchatka";

    public static NotificationModel For(string type) => new()
    {
        RecipientName = "Анна",
        BookingReference = "KH-7QF3-M9XA",
        TourTitleRu = "Восхождение на Авачинский вулкан",
        TourTitleEn = "Avachinsky volcano ascent",
        StartsAt = StartsAt,
        Seats = 2,
        AmountMinor = 1_000_000,
        RefundMinor = type is "booking-cancelled" or "payment-refunded" ? 500_000 : null,
        Currency = "RUB",
        CustomerEmail = "guest@example.com",
        CustomerPhone = "+79001234567",
        HoursBefore = type == "reminder" ? 24 : null,
        OperatorName = "ООО «Вулканы Камчатки»",
        CommissionPercent = 7.5m,
        ValidFrom = StartsAt,
        ValidTo = type == "agent-granted" ? StartsAt.AddMonths(6) : null,
        DecisionScope = "application",
        Reason = type == "operator-rejected" ? "The tax id does not match the legal name." : null,
    };
}
