using KamHub.Booking.Contracts;
using KamHub.Core.Events;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using KamHub.Core.Time;

namespace KamHub.Payments.Refunds;

/// <summary>
/// booking.cancelled with money to give back: one refund per (booking, payment), capped at the payment's refundable
/// rest. The delivery's transaction only records it: the reservation and the refund row, as requested, commit with
/// the inbox record. The provider is asked after that commit (<see cref="RefundsAfterCommit"/>), never inside it: a
/// transaction that rolled back after the provider accepted would leave money refunded that KamHub has no record of.
/// Once recorded, the refund is finished like an admin's (<see cref="RefundExecutor"/>, <see cref="RefundRetrier"/>),
/// always under the same refund id, which each provider takes as its idempotency key (ADR 0009).
/// </summary>
internal sealed class CancellationRefundHandler(PaymentsDbContext db, RefundBook book, RefundsAfterCommit afterCommit, TimeProvider clock,
    ILogger<CancellationRefundHandler> logger) : IEventHandler
{
    public const string Subscriber = "payments.booking-cancelled";
    public const string Reason = "cancellation";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var cancelled = envelope.PayloadAs<BookingCancelled>();
        if (cancelled.RefundMinor <= 0) return;
        var payment = cancelled.PaymentId is { } id
            ? await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            : await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.BookingId == cancelled.BookingId, ct);
        if (payment is null || payment.BookingId != cancelled.BookingId || payment.Status != PaymentStatus.Succeeded)
        {
            logger.LogWarning("Booking {BookingId} was cancelled with {Refund} to refund, but payment {PaymentId} is not a captured payment of it here",
                cancelled.BookingId, cancelled.RefundMinor, cancelled.PaymentId);
            return;
        }

        var key = RefundIds.ForCancellation(cancelled.BookingId, payment.Id);
        if (await db.Refunds.AnyAsync(r => r.IdempotencyKey == key, ct)) return;
        var now = StoredTime.Now(clock);
        var amount = await ReserveCappedAsync(payment.Id, cancelled.RefundMinor, now, ct);
        if (amount == 0)
        {
            logger.LogInformation("Booking {BookingId}: nothing of payment {PaymentId} is left to refund", cancelled.BookingId, payment.Id);
            return;
        }

        var refund = book.Add(payment, RefundIds.From(key), amount, Reason, key, null, now);
        await db.SaveChangesAsync(ct);
        afterCommit.Start(refund.Id);
    }

    /// <summary>Never more than is left: an admin may have refunded part already. Retries when a concurrent refund moved the rest.</summary>
    private async Task<long> ReserveCappedAsync(Guid paymentId, long wanted, DateTime now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var totals = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => new { p.CapturedMinor, p.RefundingMinor }).SingleAsync(ct);
            var amount = Math.Min(wanted, totals.CapturedMinor - totals.RefundingMinor);
            if (amount <= 0) return 0;
            if (await book.ReserveAsync(paymentId, amount, now, ct)) return amount;
        }

        throw new DbUpdateConcurrencyException($"Payment {paymentId} kept changing while reserving a refund.");
    }
}
