using System.Text.Json;
using System.Text.Json.Serialization;

namespace KamHub.Payments.Providers.YooKassa;

// YooKassa API v3 shapes, only the fields KamHub sends or reads. Names are snake_case on the wire.

internal sealed record YooKassaAmount(string Value, string Currency);

internal sealed record YooKassaConfirmationRequest(string Type, string ReturnUrl);

internal sealed record YooKassaCreatePayment(
    YooKassaAmount Amount,
    bool Capture,
    YooKassaConfirmationRequest Confirmation,
    string Description,
    IReadOnlyDictionary<string, string> Metadata);

internal sealed record YooKassaCreateRefund(string PaymentId, YooKassaAmount Amount, string? Description, IReadOnlyDictionary<string, string>? Metadata = null);

internal sealed record YooKassaConfirmation(string? Type, string? ConfirmationUrl, string? ConfirmationToken);

internal sealed record YooKassaCancellation(string? Party, string? Reason);

internal sealed record YooKassaPayment(
    string Id,
    string Status,
    YooKassaAmount? Amount,
    YooKassaConfirmation? Confirmation,
    Dictionary<string, string>? Metadata,
    YooKassaCancellation? CancellationDetails);

internal sealed record YooKassaRefund(string Id, string PaymentId, string Status, YooKassaAmount? Amount, YooKassaCancellation? CancellationDetails,
    Dictionary<string, string>? Metadata = null);

internal sealed record YooKassaError(string? Type, string? Code, string? Description, string? Parameter);

/// <summary>{"type":"notification","event":"payment.succeeded","object":{…}}</summary>
internal sealed record YooKassaNotification(string? Type, string? Event, JsonElement Object);

internal static class YooKassaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? ErrorCode(string body) => JsonSerializer.Deserialize<YooKassaError>(body, Options)?.Code;
}
