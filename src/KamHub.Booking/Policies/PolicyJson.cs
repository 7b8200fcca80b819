using System.Text.Json;

namespace KamHub.Booking.Policies;

internal static class PolicyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(CancellationPolicy policy) => JsonSerializer.Serialize(policy, Options);

    public static CancellationPolicy Read(string? json, CancellationPolicy fallback) =>
        string.IsNullOrEmpty(json) ? fallback : JsonSerializer.Deserialize<CancellationPolicy>(json, Options) ?? fallback;
}
