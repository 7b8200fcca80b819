namespace KamHub.Payments.Contracts;

/// <summary>
/// Starts the payment of a booking (facade of the Payments module). Must be idempotent per booking: a retried
/// booking request asks again and must get the same payment back. When no implementation is registered (the
/// Payments module is not part of the process), bookings answer <c>"payment": null</c>.
/// </summary>
public interface IPaymentInitiator
{
    Task<PaymentStart> StartAsync(PaymentStartRequest request, CancellationToken ct);
}

/// <param name="PayBy">The hold's expiry: a payment after it may find the seats gone.</param>
/// <param name="OperatorId">Whose balance the money goes to (less the platform commission).</param>
/// <param name="AmountMinor">What the customer pays: the price less <paramref name="PlatformDiscountMinor"/>.</param>
/// <param name="PlatformDiscountMinor">The part of the price paid with loyalty points, funded by the platform: the operator is
/// credited the whole price (ADR 0019). 0 when no points were spent.</param>
/// <param name="AgentId">The agent who sold the booking (ADR 0023): the operator pays it <paramref name="AgentCommissionBasisPoints"/> of
/// the price, recorded in the ledger at capture and reversed in a refund's proportion. Null for a booking without an agent.</param>
/// <param name="AgencyId">The agency the agent sold for: the commission is the agency's (its ledger account and payouts), not the agent's.</param>
/// <param name="NewBooking">
/// The booking was created by this very request, so no payment of it can exist yet (a concurrent retry still may
/// race): Payments inserts without looking first. False for retries, which must find the payment they started.
/// </param>
public sealed record PaymentStartRequest(
    Guid BookingId,
    string BookingReference,
    Guid OperatorId,
    Guid CustomerId,
    string CustomerEmail,
    long AmountMinor,
    string Currency,
    DateTimeOffset PayBy,
    bool NewBooking = false,
    long PlatformDiscountMinor = 0,
    Guid? AgentId = null,
    int AgentCommissionBasisPoints = 0,
    Guid? AgencyId = null);

/// <param name="RedirectUrl">Where the client sends the customer to pay (a hosted page), or null when the provider uses a token flow.</param>
/// <param name="ConfirmationToken">For client-side flows (e.g. a PaymentIntent client secret); null otherwise.</param>
public sealed record PaymentStart(Guid Id, string Provider, string? RedirectUrl, string? ConfirmationToken = null);
