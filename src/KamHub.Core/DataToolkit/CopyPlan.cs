using KamHub.Core.Data;

namespace KamHub.Core.DataToolkit;

/// <param name="Snapshot">PostgreSQL source: an exported snapshot id every table is read in, so all tables are read as of one
/// instant (the online move, ADR 0014); null reads each table as of its own start.</param>
/// <param name="MaxRowsPerSecond">Per table, a ceiling on the rows written per second (0: none), to spare a live source or target.</param>
/// <param name="DeferIndexesFromRows">PostgreSQL target: a table with at least this many source rows has its secondary
/// indexes dropped before its first chunk and rebuilt when its last chunk is in (one sort instead of a random insert
/// per row and index). Below it, the few statements of dropping and rebuilding cost more than they save.</param>
public sealed record CopyOptions(bool Resume = false, int ChunkRows = 10_000, int MaxParallelTables = 0, string? Snapshot = null, int MaxRowsPerSecond = 0,
    long DeferIndexesFromRows = 100_000)
{
    public IEnumerable<string> Validate()
    {
        if (ChunkRows is < 1 or > 1_000_000) yield return "--chunk-rows must be between 1 and 1,000,000.";
        if (MaxParallelTables < 0) yield return "--parallel must not be negative.";
        if (MaxRowsPerSecond < 0) yield return "--max-rows-per-second must not be negative.";
        if (DeferIndexesFromRows < 0) yield return "The row count from which indexes are built after the load must not be negative.";
    }

    /// <summary>Tables (and a table's deferred indexes) worked on at once: SQLite has one writer; else --parallel or the cores.</summary>
    internal int ParallelOn(DataEndpoint target) => target.IsSqlite ? 1 : MaxParallelTables > 0 ? MaxParallelTables : Environment.ProcessorCount;
}

/// <summary>What a copy will do for one module, decided before anything is written.</summary>
internal sealed record ModuleCopyPlan(ModuleDatabase Module, IRowSource Source, ModuleSchema SourceSchema, ModuleSchema TargetSchema, string Version, bool MigrateTarget);

public sealed record TableCopyResult(string Module, string Table, long Rows, long CopiedThisRun, long ChunksThisRun);

public sealed record CopyResult(IReadOnlyList<TableCopyResult> Tables, TimeSpan Elapsed)
{
    public long RowsThisRun => Tables.Sum(t => t.CopiedThisRun);
}
