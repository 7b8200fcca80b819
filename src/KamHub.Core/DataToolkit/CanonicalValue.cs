using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// The canonical byte encoding the verifier hashes: one tag byte per value, then a fixed form. Equal values encode
/// equally whatever the provider stored: a SQLite text timestamp and a PostgreSQL timestamptz of the same instant
/// (microseconds: PostgreSQL's resolution, truncated as Npgsql writes), a guid stored as text or uuid, 1.50 and 1.5,
/// 0/1 and false/true. Integers of every width encode as 64-bit, so an int column and a bigint column agree.
/// </summary>
public static class CanonicalValue
{
    private const long PostgresEpochTicks = 630822816000000000; // 2000-01-01T00:00:00Z

    public static void Append(ref ByteBuffer buffer, object? value)
    {
        switch (value)
        {
            case null: buffer.Byte((byte)'N'); break;
            case string s: buffer.Byte((byte)'S'); buffer.String(s); break;
            case Guid g:
                buffer.Byte((byte)'G');
                g.TryWriteBytes(buffer.Reserve(16), bigEndian: true, out _);
                break;
            case int i: buffer.Byte((byte)'I'); buffer.Int64(i); break;
            case long l: buffer.Byte((byte)'I'); buffer.Int64(l); break;
            case short s16: buffer.Byte((byte)'I'); buffer.Int64(s16); break;
            case byte b8: buffer.Byte((byte)'I'); buffer.Int64(b8); break;
            case bool b: buffer.Byte((byte)'B'); buffer.Byte(b ? (byte)1 : (byte)0); break;
            case decimal d: buffer.Byte((byte)'D'); buffer.String(Decimal(d)); break;
            case double d: buffer.Byte((byte)'F'); buffer.Int64(BitConverter.DoubleToInt64Bits(d == 0 ? 0 : d)); break;
            case float f: buffer.Byte((byte)'F'); buffer.Int64(BitConverter.DoubleToInt64Bits(f == 0 ? 0 : (double)f)); break;
            case DateTime t: buffer.Byte((byte)'T'); buffer.Int64(Microseconds(t)); break;
            case DateTimeOffset o: buffer.Byte((byte)'T'); buffer.Int64(Microseconds(o.UtcDateTime)); break;
            case byte[] bytes: buffer.Byte((byte)'X'); buffer.Int64(bytes.Length); bytes.CopyTo(buffer.Reserve(bytes.Length)); break;
            case DateOnly date: buffer.Byte((byte)'d'); buffer.Int64(date.DayNumber); break;
            case TimeOnly time: buffer.Byte((byte)'t'); buffer.Int64(time.Ticks / 10); break;
            case TimeSpan span: buffer.Byte((byte)'i'); buffer.Int64(span.Ticks / 10); break;
            default: throw new DataToolkitException($"The data toolkit cannot hash values of type {value.GetType().Name}.");
        }
    }

    /// <summary>Microseconds since 2000-01-01 UTC, truncated the way Npgsql truncates when it writes a timestamp.</summary>
    public static long Microseconds(DateTime t) =>
        ((t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).Ticks - PostgresEpochTicks) / 10;

    /// <summary>ISO 8601 UTC at microsecond resolution (the archive's form).</summary>
    public static string Instant(DateTime t)
    {
        var utc = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t;
        var micros = new DateTime(PostgresEpochTicks + (Microseconds(utc) * 10), DateTimeKind.Utc);
        return micros.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A decimal without trailing zeros: 1.50 and 1.5 are one value.</summary>
    public static string Decimal(decimal d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A growable byte buffer reused across rows, so hashing a row allocates nothing.</summary>
public struct ByteBuffer(int capacity)
{
    private byte[] _bytes = new byte[capacity];
    private int _length;

    public readonly ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public Span<byte> Reserve(int count)
    {
        if (_length + count > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
        var span = _bytes.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void Byte(byte value) => Reserve(1)[0] = value;

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void String(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_length + 8 + max > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + 8 + max));
        var written = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length + 8));
        BinaryPrimitives.WriteInt64LittleEndian(_bytes.AsSpan(_length, 8), written);
        _length += 8 + written;
    }
}
