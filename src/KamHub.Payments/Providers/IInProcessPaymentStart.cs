namespace KamHub.Payments.Providers;

/// <summary>
/// A provider whose payment start is a pure function of the request, answered in this process without a network call
/// (the sandbox). Payments then stores the answer with the payment row in one INSERT, instead of inserting, asking the
/// provider and updating: a hold sends one statement fewer, and no row ever exists without its provider id. Real
/// providers must not implement it: their answer can only be had after the row (the idempotency key) is durable.
/// </summary>
internal interface IInProcessPaymentStart
{
    /// <summary>The same answer <see cref="IPaymentProvider.StartAsync"/> gives, computed synchronously and deterministically.</summary>
    ProviderPaymentStart Start(ProviderPaymentRequest request);
}
