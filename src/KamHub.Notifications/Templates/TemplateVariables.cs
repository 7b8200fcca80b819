using System.Globalization;

namespace KamHub.Notifications.Templates;

/// <summary>
/// The variables every template may use, all of them always defined (empty when a message has no such value), so a
/// template naming anything else fails to render: strict variables turn a typo into an error in the test suite.
/// </summary>
internal static class TemplateVariables
{
    public static IReadOnlyDictionary<string, string> From(NotificationModel model, string language, TimeZoneInfo zone)
    {
        var culture = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "ru-RU");
        var local = model.StartsAt is { } starts ? TimeZoneInfo.ConvertTime(starts, zone) : (DateTimeOffset?)null;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["recipient_name"] = model.RecipientName ?? "",
            ["booking_reference"] = model.BookingReference ?? "",
            ["tour_title"] = (language == "en" ? model.TourTitleEn : model.TourTitleRu) ?? model.TourTitleRu ?? "",
            ["starts_at"] = local?.ToString(language == "en" ? "d MMMM yyyy, HH:mm" : "d MMMM yyyy, HH:mm", culture) ?? "",
            ["starts_date"] = local?.ToString("d MMMM yyyy", culture) ?? "",
            ["starts_time"] = local?.ToString("HH:mm", culture) ?? "",
            ["time_zone"] = zone.Id,
            ["seats"] = model.Seats?.ToString(culture) ?? "",
            ["amount"] = Money(model.AmountMinor, model.Currency, culture),
            ["refund_amount"] = Money(model.RefundMinor, model.Currency, culture),
            ["customer_email"] = model.CustomerEmail ?? "",
            ["customer_phone"] = model.CustomerPhone ?? "",
            ["hours_before"] = model.HoursBefore?.ToString(culture) ?? "",
            ["operator_name"] = model.OperatorName ?? "",
            ["agency_name"] = model.AgencyName ?? "",
            ["commission_percent"] = model.CommissionPercent?.ToString("0.##", culture) ?? "",
            ["valid_from"] = LocalTime(model.ValidFrom, zone, culture),
            ["valid_to"] = LocalTime(model.ValidTo, zone, culture),
            ["decision_scope"] = model.DecisionScope ?? "",
            ["reason"] = model.Reason ?? "",
        };
    }

    /// <summary>With the time: a validity set in whole UTC days starts and ends mid-day in Kamchatka.</summary>
    private static string LocalTime(DateTimeOffset? instant, TimeZoneInfo zone, CultureInfo culture) =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy, HH:mm", culture) : "";

    /// <summary>Two decimals for the currencies KamHub takes (RUB, USD, EUR), grouped the recipient's way.</summary>
    private static string Money(long? minor, string? currency, CultureInfo culture) =>
        minor is { } m ? $"{(m / 100m).ToString("N2", culture)} {currency}" : "";
}
