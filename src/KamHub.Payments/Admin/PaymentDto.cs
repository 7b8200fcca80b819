using KamHub.Payments.Data;
using KamHub.Core.Time;

namespace KamHub.Payments.Admin;

internal sealed record RefundDto(Guid Id, Guid PaymentId, long AmountMinor, string Currency, string Status, string Reason, string? ProviderRefundId,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static RefundDto From(Refund r) => new(r.Id, r.PaymentId, r.AmountMinor, r.Currency, r.Status, r.Reason, r.ProviderRefundId,
        StoredTime.Utc(r.CreatedAt), r.CompletedAt is { } done ? StoredTime.Utc(done) : null);
}

/// <param name="RefundableMinor">What an admin may still refund: captured − refunds requested or done.</param>
internal sealed record PaymentDto(
    Guid Id,
    Guid BookingId,
    string BookingReference,
    Guid OperatorId,
    Guid CustomerId,
    string Provider,
    string? ProviderPaymentId,
    string Status,
    string? FailureCode,
    long AmountMinor,
    string Currency,
    long CapturedMinor,
    long RefundedMinor,
    long RefundableMinor,
    DateTimeOffset PayBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SucceededAt,
    IReadOnlyList<RefundDto> Refunds)
{
    public static PaymentDto From(Payment p, IEnumerable<Refund> refunds) => new(p.Id, p.BookingId, p.BookingReference, p.OperatorId, p.CustomerId, p.Provider,
        p.ProviderPaymentId, p.Status, p.FailureCode, p.AmountMinor, p.Currency, p.CapturedMinor, p.RefundedMinor, p.CapturedMinor - p.RefundingMinor,
        StoredTime.Utc(p.PayBy), StoredTime.Utc(p.CreatedAt), p.SucceededAt is { } s ? StoredTime.Utc(s) : null,
        refunds.Where(r => r.PaymentId == p.Id).OrderBy(r => r.CreatedAt).Select(RefundDto.From).ToList());
}
