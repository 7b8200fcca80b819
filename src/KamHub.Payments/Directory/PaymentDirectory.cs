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

    public async Task<IReadOnlyDictionary<Guid, AgentSaleMoney>> AgentSalesAsync(IReadOnlyCollection<Guid> bookingIds, CancellationToken ct)
    {
        var ids = bookingIds.ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.BookingId) && p.CapturedMinor > 0)
            .Select(p => new { p.BookingId, p.CapturedMinor, p.RefundedMinor }).ToListAsync(ct);
        var commission = await db.Ledger.AsNoTracking()
            .Where(l => l.BookingId != null && ids.Contains(l.BookingId.Value) && l.Account == LedgerAccounts.Agent && l.Kind == LedgerKinds.AgentCommission)
            .GroupBy(l => l.BookingId!.Value).Select(g => new { BookingId = g.Key, Amount = g.Sum(l => l.AmountMinor) }).ToDictionaryAsync(g => g.BookingId, g => g.Amount, ct);
        return payments.ToDictionary(p => p.BookingId, p => new AgentSaleMoney(p.CapturedMinor, p.RefundedMinor, commission.GetValueOrDefault(p.BookingId)));
    }
}
