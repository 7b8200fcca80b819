using System.Collections.Concurrent;

namespace KamHub.Payments.Providers.Sandbox;

/// <summary>
/// The sandbox's "provider side" memory: which button was pressed for a payment, whether or not its webhook reached
/// KamHub. It is what the sandbox's status API answers (reconciliation asks it). In memory and per process: the
/// sandbox is for development and tests, and a lost press only means the payment is closed as expired.
/// </summary>
internal sealed class SandboxPresses
{
    private readonly ConcurrentDictionary<Guid, string> _pressed = new();

    /// <summary>A payment once paid stays paid (a later decline click changes nothing at a real provider either).</summary>
    public void Record(Guid paymentId, string eventType) =>
        _pressed.AddOrUpdate(paymentId, eventType, (_, before) => before == SandboxEvent.PaymentSucceeded ? before : eventType);

    public string? Pressed(Guid paymentId) => _pressed.GetValueOrDefault(paymentId);
}
