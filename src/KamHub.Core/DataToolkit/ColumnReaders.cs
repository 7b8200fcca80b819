using System.Data.Common;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// Reads a column as its model type on either provider (SQLite keeps guids, timestamps and decimals as text; the
/// provider's reader parses them) and normalises instants to UTC, so both sides of a copy hold the same values.
/// </summary>
internal static class ColumnReaders
{
    public static Func<DbDataReader, int, object> For(Type type)
    {
        if (type == typeof(string)) return (r, i) => r.GetString(i);
        if (type == typeof(Guid)) return (r, i) => r.GetGuid(i);
        if (type == typeof(int)) return (r, i) => r.GetInt32(i);
        if (type == typeof(long)) return (r, i) => r.GetInt64(i);
        if (type == typeof(short)) return (r, i) => r.GetInt16(i);
        if (type == typeof(byte)) return (r, i) => r.GetByte(i);
        if (type == typeof(bool)) return (r, i) => r.GetBoolean(i);
        if (type == typeof(decimal)) return (r, i) => r.GetDecimal(i);
        if (type == typeof(double)) return (r, i) => r.GetDouble(i);
        if (type == typeof(float)) return (r, i) => r.GetFloat(i);
        // KamHub writes instants in UTC; SQLite gives them back without a kind.
        if (type == typeof(DateTime)) return (r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);
        if (type == typeof(DateTimeOffset)) return (r, i) => r.GetFieldValue<DateTimeOffset>(i).ToUniversalTime();
        if (type == typeof(byte[])) return (r, i) => r.GetFieldValue<byte[]>(i);
        if (type == typeof(DateOnly)) return (r, i) => r.GetFieldValue<DateOnly>(i);
        if (type == typeof(TimeOnly)) return (r, i) => r.GetFieldValue<TimeOnly>(i);
        if (type == typeof(TimeSpan)) return (r, i) => r.GetFieldValue<TimeSpan>(i);
        throw new DataToolkitException($"The data toolkit cannot move columns of type {type.Name} yet.");
    }

    public static Func<DbDataReader, int, object?>[] For(TableSpec table) =>
        [.. table.Columns.Select(c =>
        {
            var read = For(c.Type);
            return (Func<DbDataReader, int, object?>)((r, i) => r.IsDBNull(i) ? null : read(r, i));
        })];
}
