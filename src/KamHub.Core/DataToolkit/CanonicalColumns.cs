using System.Data.Common;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// Appends a reader's column to a row's canonical encoding directly: the bytes <see cref="CanonicalValue.Append"/>
/// writes for the value <see cref="ColumnReaders"/> reads, without boxing it. The verifier's digest reads millions of
/// rows this way; types it has no direct path for go through the boxed reader, so the encoding is always the same.
/// </summary>
public static class CanonicalColumns
{
    public delegate void Append(DbDataReader reader, int ordinal, ref ByteBuffer buffer);

    public static Append[] For(TableSpec table) => [.. table.Columns.Select(c => For(c.Type))];

    private static Append For(Type type)
    {
        if (type == typeof(string)) return static (DbDataReader r, int i, ref ByteBuffer b) =>
        {
            if (Null(r, i, ref b)) return;
            b.Byte((byte)'S');
            b.String(r.GetString(i));
        };
        if (type == typeof(Guid)) return static (DbDataReader r, int i, ref ByteBuffer b) =>
        {
            if (Null(r, i, ref b)) return;
            b.Byte((byte)'G');
            r.GetGuid(i).TryWriteBytes(b.Reserve(16), bigEndian: true, out _);
        };
        if (type == typeof(int)) return static (DbDataReader r, int i, ref ByteBuffer b) =>
        {
            if (Null(r, i, ref b)) return;
            b.Byte((byte)'I');
            b.Int64(r.GetInt32(i));
        };
        if (type == typeof(long)) return static (DbDataReader r, int i, ref ByteBuffer b) =>
        {
            if (Null(r, i, ref b)) return;
            b.Byte((byte)'I');
            b.Int64(r.GetInt64(i));
        };
        if (type == typeof(bool)) return static (DbDataReader r, int i, ref ByteBuffer b) =>
        {
            if (Null(r, i, ref b)) return;
            b.Byte((byte)'B');
            b.Byte(r.GetBoolean(i) ? (byte)1 : (byte)0);
        };
        // As ColumnReaders: KamHub writes instants in UTC; SQLite gives them back without a kind.
        if (type == typeof(DateTime)) return static (DbDataReader r, int i, ref ByteBuffer b) =>
        {
            if (Null(r, i, ref b)) return;
            b.Byte((byte)'T');
            b.Int64(CanonicalValue.Microseconds(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc)));
        };

        var read = ColumnReaders.For(type);
        return (DbDataReader r, int i, ref ByteBuffer b) => CanonicalValue.Append(ref b, r.IsDBNull(i) ? null : read(r, i));
    }

    private static bool Null(DbDataReader reader, int ordinal, ref ByteBuffer buffer)
    {
        if (!reader.IsDBNull(ordinal)) return false;
        buffer.Byte((byte)'N');
        return true;
    }
}
