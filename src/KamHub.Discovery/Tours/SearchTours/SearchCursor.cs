using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace KamHub.Discovery.Tours.SearchTours;

/// <summary>
/// Where the previous page ended: the last row's sort key and id (keyset paging, never OFFSET). Opaque to clients:
/// base64url of a small JSON object that also records the sort it belongs to, so a cursor cannot be reused with another.
/// </summary>
internal sealed record SearchCursor(string Sort, bool Desc, string Key, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The cursor when it is well formed and belongs to this sort; null for anything a client made up or altered.</summary>
    public static SearchCursor? Decode(string value, SearchSort sort, bool desc)
    {
        SearchCursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize<SearchCursor>(Base64Url.DecodeFromChars(value));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }

        // The key is parsed again when the page is built: anything that would not parse there is refused here, as a 400.
        return cursor is not null && cursor.Sort == sort.ToString() && cursor.Desc == desc && cursor.Key is not null && HasKeyOf(sort, cursor.Key)
            ? cursor
            : null;
    }

    private static bool HasKeyOf(SearchSort sort, string key) => sort switch
    {
        SearchSort.Relevance => double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && double.IsFinite(rank),
        SearchSort.Price => long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        SearchSort.Duration or SearchSort.Rating => int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ => long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks >= DateTime.MinValue.Ticks &&
             ticks <= DateTime.MaxValue.Ticks,
    };
}
