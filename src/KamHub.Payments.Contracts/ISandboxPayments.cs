namespace KamHub.Payments.Contracts;

/// <summary>
/// The sandbox provider's "pay" button pressed from code: the demo data of a first start seeds a paid, confirmed booking
/// with it. Registered only where the sandbox is enabled; the payment goes through the same notification path as a press
/// on the sandbox page (receipt, ledger capture, <c>payment.succeeded</c>, and the booking confirms from that event).
/// </summary>
public interface ISandboxPayments
{
    /// <summary>Pays the booking's pending sandbox payment; false when it has none (or another notification settled it first).</summary>
    Task<bool> PayAsync(Guid bookingId, CancellationToken ct);
}
