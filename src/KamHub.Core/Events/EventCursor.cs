using System.Buffers.Text;
using System.Text.Json;

namespace KamHub.Core.Events;

/// <summary>A history page's position in every module's outbox: opaque to clients (base64url JSON of module → position).</summary>
internal static class EventCursor
{
    public static Dictionary<string, long> Decode(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor)) return new(StringComparer.Ordinal);
        try
        {
            var json = Base64Url.DecodeFromChars(cursor);
            return JsonSerializer.Deserialize<Dictionary<string, long>>(json) is { } map
                ? new Dictionary<string, long>(map, StringComparer.Ordinal)
                : throw new EventAdminException("cursor", "is not a cursor this server issued.");
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new EventAdminException("cursor", "is not a cursor this server issued.");
        }
    }

    /// <summary>Null for anything this server did not issue.</summary>
    public static Dictionary<string, long>? TryDecode(string cursor)
    {
        try
        {
            return Decode(cursor);
        }
        catch (EventAdminException)
        {
            return null;
        }
    }

    public static string Encode(Dictionary<string, long> positions) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(positions));
}
