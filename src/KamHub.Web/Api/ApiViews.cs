namespace KamHub.Web.Api;

// The parts of the API's answers the pages show (JSON web names; unknown fields are ignored on read).

internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

internal sealed record Texts(string Ru, string En)
{
    public string Local => Localization.UiText.IsRussian ? Ru : En;
}

internal sealed record NextDepartureView(Guid Id, DateTimeOffset StartsAt, int SeatsLeft);

internal sealed record RefundTierView(int? DaysBefore, int? HoursBefore, int RefundPercent);

internal sealed record PolicyView(IReadOnlyList<RefundTierView> Tiers);

internal sealed record TourView(
    Guid Id, string Slug, Guid OperatorId, Texts Title, Texts Description, string Region, int DurationMinutes, long BasePrice, long? ChildPrice,
    string Currency, int MaxGroupSize, string Difficulty, IReadOnlyList<string> Tags, PolicyView? CancellationPolicy, string Status,
    NextDepartureView? NextDeparture, RatingView? Rating = null, GeoPointView? MeetingPoint = null, RatingView? OperatorRating = null,
    SeasonView? Season = null, IReadOnlyList<string>? Photos = null);

internal sealed record SeasonView(int FromMonth, int ToMonth);

internal sealed record GeoPointView(double Lat, double Lon);

internal sealed record DepartureView(
    Guid Id, Guid TourId, DateTimeOffset StartsAt, string TimeZone, int Capacity, int SeatsLeft, long Price, long ChildPrice, string Currency,
    DateTimeOffset BookingClosesAt, string Status, PolicyView CancellationPolicy);

internal sealed record ParticipantView(string Name);

internal sealed record ContactView(string Email, string? Phone);

internal sealed record RefundView(long Amount, int Percent);

internal sealed record PaymentView(Guid Id, string Provider, string Status, long Amount, string Currency, string? RedirectUrl, long Refunded);

internal sealed record BookingView(
    Guid Id, string Reference, string Status, Guid DepartureId, Guid TourId, DateTimeOffset StartsAt, string TimeZone, int Adults, int Children, int Seats,
    long Amount, string Currency, DateTimeOffset HoldExpiresAt, IReadOnlyList<ParticipantView> Participants, ContactView Contact, PolicyView CancellationPolicy,
    RefundView? Refund, string? CancelledBy, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? CancelledAt,
    PaymentView? Payment = null, string? Attendance = null);

internal sealed record QuietHoursView(string? Start, string? End);

internal sealed record PreferencesView(string? Language, string? TimeZone, string? Phone, QuietHoursView? QuietHours,
    Dictionary<string, Dictionary<string, bool>>? Channels);
