namespace KamHub.Core.Errors;

/// <summary>
/// The one reading of <c>limit</c> and <c>cursor</c> every list endpoint shares: a limit outside 1..max and a cursor
/// this server did not issue are 400s naming the parameter, never clamped silently or passed to a query.
/// </summary>
public static class Paging
{
    /// <summary>Longer than any cursor KamHub issues; refused before anything decodes it.</summary>
    public const int MaxCursorLength = 1024;

    public const string BadCursor = "must be a nextCursor from a previous page.";

    /// <summary>The limit asked for, or <paramref name="defaultLimit"/>; an error when outside 1..<paramref name="maxLimit"/>.</summary>
    public static int Limit(this ValidationErrors errors, int? limit, int defaultLimit, int maxLimit)
    {
        errors.When(limit is < 1 || limit > maxLimit, "limit", $"must be between 1 and {maxLimit}.");
        return limit is >= 1 && limit <= maxLimit ? limit.Value : defaultLimit;
    }

    /// <summary>A cursor decoded by <paramref name="decode"/> (null for one it does not recognise); null when none was given.</summary>
    public static T? Cursor<T>(this ValidationErrors errors, string? cursor, Func<string, T?> decode)
        where T : class
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        var decoded = cursor.Length <= MaxCursorLength && StorableText.IsStorable(cursor) ? decode(cursor) : null;
        errors.When(decoded is null, "cursor", BadCursor);
        return decoded;
    }

    /// <summary>For lists keyed on a (version 7) id: the cursor is the last id of the previous page.</summary>
    public static Guid? IdCursor(this ValidationErrors errors, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        if (Guid.TryParse(cursor, out var id)) return id;
        errors.Add("cursor", BadCursor);
        return null;
    }
}
