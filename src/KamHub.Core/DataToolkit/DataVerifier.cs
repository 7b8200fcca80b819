using System.Diagnostics;
using KamHub.Core.Data;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// <c>kamhub data verify</c>: per table, the row count and order-independent content hash of both sides
/// (<see cref="TableDigest"/>), read in parallel. Where they differ, a second pass reads only the key partitions that
/// differ and lists the keys: missing from the target, extra on it, or present with other values. Reads only.
/// A Core service: the online move's continuous verifier runs the same comparison.
/// </summary>
public sealed class DataVerifier(ModuleDatabaseRegistry registry)
{
    /// <summary>At most this many differing keys are listed per table (all are counted).</summary>
    public const int ListedKeys = 100;

    public async Task<VerifyResult> VerifyAsync(string? module, DataEndpoint from, DataEndpoint to, IDataProgress progress, CancellationToken ct)
    {
        var source = from.ReadOnly();
        var target = to.ReadOnly();
        await (await source.OpenAsync(ct)).DisposeAsync();
        await (await target.OpenAsync(ct)).DisposeAsync();
        var pairs = new List<(ModuleDatabase Module, TableSpec Table, IRowSource Source, IRowSource Target)>();
        foreach (var database in DataModules.Select(registry, module))
        {
            var sourceVersion = await ModuleContexts.AppliedMigrationsAsync(database, source, ct);
            var targetVersion = await ModuleContexts.AppliedMigrationsAsync(database, target, ct);
            if (sourceVersion.Count == 0) throw new DataToolkitException($"{database.Name}: {source.Label} has no {database.Name} schema (never migrated).");
            if (!sourceVersion.SequenceEqual(targetVersion, StringComparer.Ordinal))
                throw new DataToolkitException($"{database.Name}: versions differ: {source.Label} is at {sourceVersion[^1]}, {target.Label} at {(targetVersion.Count == 0 ? "none" : targetVersion[^1])}.");
            var sourceSchema = ModuleSchema.Read(database, source);
            var targetSchema = ModuleSchema.Read(database, target);
            var sourceRows = new DatabaseRowSource(source, sourceSchema);
            var targetRows = new DatabaseRowSource(target, targetSchema);
            pairs.AddRange(sourceSchema.Tables.Select(t => (database, t.Spec, (IRowSource)sourceRows, (IRowSource)targetRows)));
        }

        var results = new TableVerifyResult[pairs.Count];
        // Each table reads both sides at once: two readers per table.
        var parallel = Math.Max(1, Environment.ProcessorCount / 2);
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
        {
            var (database, table, s, t) = pairs[i];
            results[i] = await VerifyTableAsync(database.Name, table, s, t, progress, token);
        });
        return new VerifyResult(results);
    }

    public static async Task<TableVerifyResult> VerifyTableAsync(string module, TableSpec table, IRowSource source, IRowSource target, IDataProgress progress, CancellationToken ct)
    {
        progress.TableStarted(module, table.Name, await source.CountAsync(table, ct), 0);
        var sourceTask = TimedDigestAsync(source, table, module, progress, ct);
        var targetTask = TimedDigestAsync(target, table, module, null, ct);
        var (sourceDigest, sourceSeconds) = await sourceTask;
        var (targetDigest, targetSeconds) = await targetTask;
        progress.TableFinished(module, table.Name, sourceDigest.Rows);

        if (sourceDigest.Rows == targetDigest.Rows && sourceDigest.Sum == targetDigest.Sum)
            return new TableVerifyResult(module, table.Name, sourceDigest.Rows, targetDigest.Rows, sourceDigest.Hash, targetDigest.Hash, 0, 0, 0, [], sourceSeconds, targetSeconds);

        var partitions = sourceDigest.DifferingPartitions(targetDigest).ToHashSet();
        var sourceRows = RowsInPartitionsAsync(source, table, partitions, ct);
        var targetRows = RowsInPartitionsAsync(target, table, partitions, ct);
        var (missing, extra, different, listed) = Compare(await sourceRows, await targetRows);
        return new TableVerifyResult(module, table.Name, sourceDigest.Rows, targetDigest.Rows, sourceDigest.Hash, targetDigest.Hash,
            missing, extra, different, listed, sourceSeconds, targetSeconds);
    }

    public static async Task<TableDigest> DigestAsync(IRowSource source, TableSpec table, string module, IDataProgress? progress, CancellationToken ct)
    {
        if (source is DatabaseRowSource database)
            return await database.DigestAsync(table, progress is null ? null : (rows, done) => progress.RowsDone(module, table.Name, rows, done), ct);
        var digest = new TableDigest(table);
        const int reportEvery = 10_000;
        await foreach (var row in source.ReadAsync(table, null, ct))
        {
            digest.Add(row);
            if (digest.Rows % reportEvery == 0) progress?.RowsDone(module, table.Name, reportEvery, digest.Rows);
        }

        return digest;
    }

    private static async Task<(TableDigest Digest, double Seconds)> TimedDigestAsync(IRowSource source, TableSpec table, string module, IDataProgress? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var digest = await Task.Run(() => DigestAsync(source, table, module, progress, ct), ct);
        return (digest, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Key (as JSON) → row hash, for the rows whose key falls in one of <paramref name="partitions"/>.</summary>
    private static async Task<Dictionary<string, UInt128>> RowsInPartitionsAsync(IRowSource source, TableSpec table, HashSet<int> partitions, CancellationToken ct)
    {
        var digest = new TableDigest(table);
        var rows = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        await foreach (var row in source.ReadAsync(table, null, ct))
        {
            var (partition, hash) = digest.HashRow(row);
            if (partitions.Contains(partition)) rows[KeyText(table, row)] = hash;
        }

        return rows;
    }

    private static (long Missing, long Extra, long Different, List<KeyDifference> Listed) Compare(Dictionary<string, UInt128> source, Dictionary<string, UInt128> target)
    {
        long missing = 0, extra = 0, different = 0;
        var listed = new List<KeyDifference>();
        void Note(string key, DifferenceKind kind)
        {
            if (listed.Count < ListedKeys) listed.Add(new KeyDifference(key, kind));
        }

        foreach (var (key, hash) in source.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!target.TryGetValue(key, out var other))
            {
                missing++;
                Note(key, DifferenceKind.Missing);
            }
            else if (other != hash)
            {
                different++;
                Note(key, DifferenceKind.Different);
            }
        }

        foreach (var key in target.Keys.Where(k => !source.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            extra++;
            Note(key, DifferenceKind.Extra);
        }

        return (missing, extra, different, listed);
    }

    /// <summary>A key as the user would type it: the value alone for a one-column key, a JSON array otherwise.</summary>
    public static string KeyText(TableSpec table, object?[] row)
    {
        var json = ValueJson.ToJson(table.Key.Select(i => row[i]));
        return table.Key.Count == 1 ? json[1..^1].Trim('"') : json;
    }
}
