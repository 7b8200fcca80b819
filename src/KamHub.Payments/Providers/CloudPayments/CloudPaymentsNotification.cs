using System.Net;
using System.Text;
using System.Text.Json;

namespace KamHub.Payments.Providers.CloudPayments;

internal enum CloudPaymentsNotificationType { Check, Pay, Fail, Refund, Other }

/// <summary>
/// One notification's fields, from a form-encoded body (CloudPayments' default) or a JSON one.
/// CloudPayments posts each type to the URL configured for it (/api/payments/webhooks/cloudpayments/{type}), which
/// names the type; on the plain URL shared by all types it is inferred from the fields each type is documented to carry.
/// </summary>
internal sealed class CloudPaymentsNotification(IReadOnlyDictionary<string, string> fields)
{
    public string? this[string name] => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The type a typed URL names (check, pay, fail, refund; confirm, cancel, recurrent, receipt are not acted on); null for any other.</summary>
    public static CloudPaymentsNotificationType? TypeNamed(string name) => name.ToLowerInvariant() switch
    {
        "check" => CloudPaymentsNotificationType.Check,
        "pay" => CloudPaymentsNotificationType.Pay,
        "fail" => CloudPaymentsNotificationType.Fail,
        "refund" => CloudPaymentsNotificationType.Refund,
        "confirm" or "cancel" or "recurrent" or "receipt" => CloudPaymentsNotificationType.Other,
        _ => null,
    };

    public CloudPaymentsNotificationType InferredType =>
        this["PaymentTransactionId"] is not null ? CloudPaymentsNotificationType.Refund      // only Refund names the original payment
        : this["ReasonCode"] is { } code && code != "0" ? CloudPaymentsNotificationType.Fail // only Fail must carry a decline code
        : this["Status"] is "Completed" or "Authorized" && (this["GatewayName"] ?? this["TotalFee"]) is not null
            ? CloudPaymentsNotificationType.Pay                                            // Pay adds the acquirer and fee to Check's fields
        : this["Status"] is not null && this["OperationType"] is "Payment" ? CloudPaymentsNotificationType.Check
        : CloudPaymentsNotificationType.Other;                                             // Confirm, Cancel, Recurrent, receipts

    public static CloudPaymentsNotification? Parse(byte[] body, string? contentType)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        var isJson = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || text.StartsWith('{');
        try
        {
            return new CloudPaymentsNotification(isJson ? ParseJson(text) : ParseForm(text));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ParseForm(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(at < 0 ? pair : pair[..at]);
            fields[name] = at < 0 ? "" : WebUtility.UrlDecode(pair[(at + 1)..]);
        }
        return fields;
    }

    private static Dictionary<string, string> ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString() ?? "",
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            },
            StringComparer.OrdinalIgnoreCase);
    }
}
