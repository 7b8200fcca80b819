using KamHub.Payments.Contracts;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Directory;

internal sealed class PaymentDirectory(PaymentsDbContext db) : IPaymentDirectory
{
    public async Task<PaymentView?> FindByBookingAsync(Guid bookingId, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.BookingId == bookingId, ct);
        if (payment is null) return null;
        // A settled payment's page is no place to send anyone.
        var pending = payment.Status == PaymentStatus.Pending;
        return new PaymentView(payment.Id, payment.Provider, payment.Status, payment.AmountMinor, payment.Currency,
            pending ? payment.RedirectUrl : null, pending ? payment.ConfirmationToken : null, payment.RefundedMinor);
    }
}
