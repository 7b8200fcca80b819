namespace KamHub.Core.DataToolkit;

/// <summary>Writes a table's rows on the target one chunk at a time; each chunk commits together with its checkpoint.</summary>
internal interface IChunkWriter : IAsyncDisposable
{
    Task WriteChunkAsync(IReadOnlyList<object?[]> rows, CopyCheckpoint checkpoint, CancellationToken ct);

    /// <summary>
    /// Before the first chunk of a fresh table: drop its secondary indexes, recording their definitions on the target in
    /// the same transaction, so <see cref="MarkDoneAsync"/> rebuilds them before it marks the table done (also after a crash and --resume). A no-op where
    /// the target gains nothing from it.
    /// </summary>
    Task DeferIndexesAsync(CancellationToken ct);

    /// <summary>Records that the table is complete (an empty table, or after its last chunk).</summary>
    Task MarkDoneAsync(CopyCheckpoint checkpoint, CancellationToken ct);
}
