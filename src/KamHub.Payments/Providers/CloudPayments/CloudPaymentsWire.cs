using System.Text.Json;

namespace KamHub.Payments.Providers.CloudPayments;

// CloudPayments API shapes (PascalCase on the wire), only the fields KamHub sends or reads.
// Every answer is an envelope {"Success": bool, "Message": string?, "Model": …}; business errors come as HTTP 200 with Success=false.

internal sealed record CloudPaymentsEnvelope<T>(bool Success, string? Message, T? Model);

internal sealed record CloudPaymentsCreateOrder(
    decimal Amount,
    string Currency,
    string Description,
    string? Email,
    bool RequireConfirmation,
    bool SendEmail,
    string InvoiceId,
    string AccountId,
    string? SuccessRedirectUrl,
    string? FailRedirectUrl,
    IReadOnlyDictionary<string, string> JsonData);

internal sealed record CloudPaymentsOrder(string Id, string Url);

internal sealed record CloudPaymentsRefundPayment(long TransactionId, decimal Amount);

internal sealed record CloudPaymentsRefundModel(long TransactionId);

internal sealed record CloudPaymentsFindPayment(string InvoiceId);

internal sealed record CloudPaymentsTransaction(long TransactionId, string? Status, string? InvoiceId, decimal? Amount = null, string? Currency = null,
    string? Reason = null);

internal static class CloudPaymentsJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Answer to a notification: {"code":0} registers it; Check may answer other codes to decline the payment.</summary>
    public static string Code(int code) => $$"""{"code":{{code}}}""";
}

/// <summary>Check answer codes from the CloudPayments notification reference.</summary>
internal static class CloudPaymentsCheckCode
{
    public const int Ok = 0;
    public const int InvalidInvoice = 10;
    public const int InvalidAmount = 12;
    public const int Overdue = 20;
}
