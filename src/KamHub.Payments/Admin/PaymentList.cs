namespace KamHub.Payments.Admin;

/// <summary>A booking's payments, oldest first, each with its refunds.</summary>
internal sealed record PaymentList(IReadOnlyList<PaymentDto> Items);
