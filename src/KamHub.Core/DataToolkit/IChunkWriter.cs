namespace KamHub.Core.DataToolkit;

/// <summary>Writes a table's rows on the target one chunk at a time; each chunk commits together with its checkpoint.</summary>
internal interface IChunkWriter : IAsyncDisposable
{
    Task WriteChunkAsync(IReadOnlyList<object?[]> rows, CopyCheckpoint checkpoint, CancellationToken ct);

    /// <summary>Records that the table is complete (an empty table, or after its last chunk).</summary>
    Task MarkDoneAsync(CopyCheckpoint checkpoint, CancellationToken ct);
}
