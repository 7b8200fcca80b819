namespace KamHub.Payments.Admin;

/// <summary>
/// Payments, each with its refunds: a booking's, oldest first (all of them), or the newest of all; then
/// <paramref name="NextCursor"/> asks for the page after this one (null on the last page and for a booking).
/// </summary>
internal sealed record PaymentList(IReadOnlyList<PaymentDto> Items, string? NextCursor);
