using KamHub.Payments.Contracts;
using KamHub.Payments.Data;
using KamHub.Payments.Providers;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Starting;

/// <summary>
/// The facade Booking calls after a hold commits. Idempotent per booking: the unique booking index lets exactly one
/// payment row exist, concurrent callers converge on it, and the provider is asked with the payment id as its
/// idempotency key, so asking twice creates one payment at the provider too. A provider that answers in process
/// (<see cref="IInProcessPaymentStart"/>, the sandbox) is asked before the INSERT, which then carries its answer.
/// </summary>
internal sealed class PaymentInitiator(PaymentsDbContext db, PaymentProviders providers, TimeProvider clock)
    : IPaymentInitiator
{
    public async Task<PaymentStart> StartAsync(PaymentStartRequest request, CancellationToken ct)
    {
        // A new booking has no payment yet: insert straight away (a racing retry loses on the unique index and reads).
        var payment = (request.NewBooking ? null : await FindAsync(request.BookingId, ct)) ?? await InsertAsync(request, ct);
        if (payment.ProviderPaymentId is not null) return Answer(payment);

        var provider = providers.Get(payment.Provider);
        var started = await provider.StartAsync(ProviderRequest(payment), ct);
        // Concurrent starters write the same answer (same idempotency key at the provider); only the first one sticks.
        var written = await db.Payments.Where(p => p.Id == payment.Id && p.ProviderPaymentId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ProviderPaymentId, started.ProviderPaymentId).SetProperty(p => p.RedirectUrl, started.RedirectUrl)
                .SetProperty(p => p.ConfirmationToken, started.ConfirmationToken).SetProperty(p => p.UpdatedAt, StoredTime.Now(clock)), ct);
        // Ours stuck: the answer is what we wrote. Otherwise another starter's did: read it.
        return written == 1
            ? new PaymentStart(payment.Id, payment.Provider, started.RedirectUrl, started.ConfirmationToken)
            : Answer((await FindAsync(request.BookingId, ct))!);
    }

    private static ProviderPaymentRequest ProviderRequest(Payment payment) =>
        new(payment.Id, payment.BookingId, payment.BookingReference, payment.AmountMinor, payment.Currency, payment.CustomerEmail,
            $"KamHub booking {payment.BookingReference}", StoredTime.Utc(payment.PayBy), null);

    private Task<Payment?> FindAsync(Guid bookingId, CancellationToken ct) =>
        db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.BookingId == bookingId, ct);

    private async Task<Payment> InsertAsync(PaymentStartRequest request, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var provider = providers.Default;
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            BookingId = request.BookingId,
            BookingReference = request.BookingReference,
            OperatorId = request.OperatorId,
            CustomerId = request.CustomerId,
            CustomerEmail = request.CustomerEmail,
            AmountMinor = request.AmountMinor,
            DiscountMinor = request.PlatformDiscountMinor,
            AgentId = request.AgentId,
            AgentCommissionBasisPoints = request.AgentId is null ? null : request.AgentCommissionBasisPoints,
            AgencyId = request.AgentId is null ? null : request.AgencyId,
            Currency = request.Currency,
            Provider = provider.Name,
            Status = PaymentStatus.Pending,
            PayBy = StoredTime.Truncate(request.PayBy.UtcDateTime),
            CreatedAt = now,
            UpdatedAt = now,
        };
        // A provider that answers in process (the sandbox) has its answer stored with the row: one INSERT, no UPDATE.
        if (provider is IInProcessPaymentStart local)
        {
            var started = local.Start(ProviderRequest(payment));
            payment.ProviderPaymentId = started.ProviderPaymentId;
            payment.RedirectUrl = started.RedirectUrl;
            payment.ConfirmationToken = started.ConfirmationToken;
        }

        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
            return payment;
        }
        catch (DbUpdateException)
        {
            // A concurrent start for the same booking won the unique index: answer with its payment.
            db.ChangeTracker.Clear();
            return await FindAsync(request.BookingId, ct) ?? throw new InvalidOperationException($"Payment of booking {request.BookingId} could not be stored.");
        }
    }

    private static PaymentStart Answer(Payment payment) => new(payment.Id, payment.Provider, payment.RedirectUrl, payment.ConfirmationToken);
}
