using System.Text.Json;

namespace KamHub.Payments.Providers.Stripe;

/// <summary>The least a Stripe event must be: a JSON object whose "id" is a non-empty string.</summary>
internal static class StripeEventShape
{
    public static bool HasEventId(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(id.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
