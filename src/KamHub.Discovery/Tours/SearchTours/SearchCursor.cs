using System.Buffers.Text;
using System.Text.Json;

namespace KamHub.Discovery.Tours.SearchTours;

/// <summary>
/// Where the previous page ended: the last row's sort key and id (keyset paging, never OFFSET). Opaque to clients:
/// base64url of a small JSON object that also records the sort it belongs to, so a cursor cannot be reused with another.
/// </summary>
internal sealed record SearchCursor(string Sort, bool Desc, string Key, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static SearchCursor? Decode(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<SearchCursor>(Base64Url.DecodeFromChars(value));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
