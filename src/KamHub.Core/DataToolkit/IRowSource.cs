namespace KamHub.Core.DataToolkit;

/// <summary>Where a copy or a verify reads a table's rows from: a database, or an archive.</summary>
public interface IRowSource
{
    /// <summary>The table's rows in primary-key order, each value typed as <see cref="ColumnSpec.Type"/>, starting after <paramref name="afterKey"/> when given.</summary>
    IAsyncEnumerable<object?[]> ReadAsync(TableSpec table, object?[]? afterKey, CancellationToken ct);

    Task<long> CountAsync(TableSpec table, CancellationToken ct);
}
