using System.Globalization;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// Values in the form EF Core's SQLite provider stores them, so rows a copy writes read back exactly like rows the
/// app wrote: guids as upper-case text, instants as text, decimals as text. (Microsoft.Data.Sqlite alone would bind a
/// guid as a blob, which the app's queries would never match.)
/// </summary>
internal static class SqliteValues
{
    public static object ToStorage(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString("D").ToUpperInvariant(),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.0###########################", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };
}
