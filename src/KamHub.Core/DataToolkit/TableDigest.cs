using System.Data.Common;
using System.Globalization;
using System.IO.Hashing;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// A table's fingerprint, independent of row order: the row count and the sum (mod 2^128) of every row's XxHash128
/// over its canonical encoding (<see cref="CanonicalValue"/>). A sum, not an XOR, so two equal rows do not cancel out.
/// The same is kept per key partition (the key's hash modulo <see cref="Partitions"/>), so a mismatch can be narrowed
/// to the partitions that differ without a second full pass.
/// </summary>
public sealed class TableDigest
{
    public const int Partitions = 4096;

    private ByteBuffer _row = new(512);
    private ByteBuffer _key = new(64);

    public TableDigest(TableSpec table) => Table = table;

    public TableSpec Table { get; }

    public long Rows { get; private set; }

    public UInt128 Sum { get; private set; }

    public long[] PartitionRows { get; } = new long[Partitions];

    public UInt128[] PartitionSums { get; } = new UInt128[Partitions];

    public string Hash => Sum.ToString("x32", CultureInfo.InvariantCulture);

    public void Add(object?[] row)
    {
        var (partition, hash) = HashRow(row);
        Rows++;
        Sum += hash;
        PartitionRows[partition]++;
        PartitionSums[partition] += hash;
    }

    /// <summary>
    /// The reader's current row, hashed straight from its columns (<see cref="CanonicalColumns"/>): the same digest as
    /// <see cref="Add(object?[])"/> of the row the toolkit reads, without a row array or a boxed value per column.
    /// </summary>
    public void Add(DbDataReader reader, CanonicalColumns.Append[] columns)
    {
        _row.Clear();
        _key.Clear();
        Span<int> ends = columns.Length <= 64 ? stackalloc int[columns.Length] : new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i](reader, i, ref _row);
            ends[i] = _row.Written.Length;
        }

        // A key value's encoding is the same bytes as in the row: copied from there.
        foreach (var i in Table.Key)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            _row.Written[start..ends[i]].CopyTo(_key.Reserve(ends[i] - start));
        }

        var hash = XxHash128.HashToUInt128(_row.Written);
        var partition = (int)(XxHash3.HashToUInt64(_key.Written) % Partitions);
        Rows++;
        Sum += hash;
        PartitionRows[partition]++;
        PartitionSums[partition] += hash;
    }

    /// <summary>The row's key partition and its hash.</summary>
    public (int Partition, UInt128 Hash) HashRow(object?[] row)
    {
        _row.Clear();
        _key.Clear();
        for (var i = 0; i < row.Length; i++) CanonicalValue.Append(ref _row, row[i]);
        foreach (var i in Table.Key) CanonicalValue.Append(ref _key, row[i]);
        var partition = (int)(XxHash3.HashToUInt64(_key.Written) % Partitions);
        return (partition, XxHash128.HashToUInt128(_row.Written));
    }

    public IEnumerable<int> DifferingPartitions(TableDigest other) =>
        Enumerable.Range(0, Partitions).Where(p => PartitionRows[p] != other.PartitionRows[p] || PartitionSums[p] != other.PartitionSums[p]);

    public static UInt128 ParseHash(string hex) => UInt128.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
