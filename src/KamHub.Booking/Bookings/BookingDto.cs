using System.Text.Json;
using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Core.Time;

namespace KamHub.Booking.Bookings;

internal sealed record ParticipantDto(string Name);

internal sealed record ContactDto(string Email, string? Phone);

/// <param name="Amount">What was (or will be) refunded, integer minor units.</param>
internal sealed record RefundDto(long Amount, int Percent);

/// <param name="Amount">What the customer pays for all seats, integer minor units of <paramref name="Currency"/>: the price less <paramref name="Discount"/>.</param>
/// <param name="PointsSpent">Loyalty points spent on the booking; <paramref name="Discount"/> is what they took off the price (minor units).</param>
/// <param name="Attendance">present or no-show once the departure's operator, guide or driver marked it (ADR 0020); null before.</param>
/// <param name="Status">held, confirmed, completed, expired or cancelled; a hold past its expiry reads expired even before the sweeper runs.</param>
/// <remarks>Not sealed: <see cref="BookingWithPayment{TPayment}"/> is the same booking with its payment beside it.</remarks>
internal record BookingDto(
    Guid Id,
    string Reference,
    string Status,
    Guid DepartureId,
    Guid TourId,
    DateTimeOffset? StartsAt,
    string? TimeZone,
    int Adults,
    int Children,
    int Seats,
    long Amount,
    string Currency,
    DateTimeOffset HoldExpiresAt,
    IReadOnlyList<ParticipantDto> Participants,
    ContactDto Contact,
    CancellationPolicy CancellationPolicy,
    RefundDto? Refund,
    string? CancelledBy,
    string? CancellationReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? CompletedAt,
    long PointsSpent,
    long Discount,
    string? Attendance)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BookingDto From(TourBooking b, Departure? departure, DateTime now) => new(
        b.Id, b.Reference, BookingStatus.Effective(b.Status, b.HoldExpiresAt, now), b.DepartureId, b.TourId,
        departure is null ? null : StoredTime.Utc(departure.StartsAt), departure?.TimeZone, b.Adults, b.Children, b.Seats, b.AmountMinor, b.Currency,
        StoredTime.Utc(b.HoldExpiresAt), ReadParticipants(b.Participants), new ContactDto(b.ContactEmail, b.ContactPhone),
        PolicyJson.Read(b.CancellationPolicy, CancellationPolicy.Default),
        b.Status == BookingStatus.Cancelled ? new RefundDto(b.RefundMinor, b.RefundPercent ?? 0) : null,
        b.CancelledBy, b.CancellationReason, StoredTime.Utc(b.CreatedAt),
        b.ConfirmedAt is { } confirmed ? StoredTime.Utc(confirmed) : null, b.CancelledAt is { } cancelled ? StoredTime.Utc(cancelled) : null,
        b.CompletedAt is { } completed ? StoredTime.Utc(completed) : null, b.PointsSpent, b.DiscountMinor, b.Attendance);

    public static string WriteParticipants(IEnumerable<ParticipantDto> participants) => JsonSerializer.Serialize(participants, Json);

    private static List<ParticipantDto> ReadParticipants(string json) => JsonSerializer.Deserialize<List<ParticipantDto>>(json, Json) ?? [];
}
