using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using KamHub.Core.Data;
using Microsoft.Extensions.Configuration;

namespace KamHub.Core.DataToolkit;

public sealed record ImportResult(CopyResult Copy, VerifyResult Verify);

/// <summary>
/// <c>kamhub data export</c> and <c>import</c>: a portable archive (a manifest plus one gzip JSON-lines file per
/// table) for backups and air-gapped moves. Export streams each table in key order and hashes it as it writes;
/// import is a copy whose source is the archive, then a verify of the target against the manifest's hashes.
/// </summary>
public sealed class DataArchiver(ModuleDatabaseRegistry registry, IConfiguration configuration, DataCopier copier, TimeProvider clock)
{
    public async Task<ArchiveManifest> ExportAsync(string? module, DataEndpoint? from, string directory, IDataProgress progress, CancellationToken ct)
    {
        var selected = DataModules.Select(registry, module);
        var output = Path.GetFullPath(directory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            throw new DataToolkitException($"{output}: the directory is not empty; export needs a new or empty one.");

        var sources = new List<(ModuleDatabase Module, DataEndpoint Endpoint, IReadOnlyList<string> Migrations, ModuleSchema Schema)>();
        foreach (var database in selected)
        {
            var endpoint = (from ?? DataEndpoint.Parse(ModuleConnection.Resolve(configuration, database.Name).ConnectionString, database.Name)).ReadOnly();
            var migrations = await ModuleContexts.AppliedMigrationsAsync(database, endpoint, ct);
            if (migrations.Count == 0) throw new DataToolkitException($"{database.Name}: {endpoint.Label} has no {database.Name} schema (never migrated); nothing to export.");
            sources.Add((database, endpoint, migrations, ModuleSchema.Read(database, endpoint)));
        }

        Directory.CreateDirectory(output);
        var modules = new List<ArchiveModule>();
        foreach (var (database, endpoint, migrations, schema) in sources)
        {
            Directory.CreateDirectory(Path.Combine(output, database.Schema));
            var rows = new DatabaseRowSource(endpoint, schema);
            var tables = new ArchiveTable[schema.Tables.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, tables.Length), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
                async (i, token) => tables[i] = await ExportTableAsync(database, rows, schema.Tables[i].Spec, output, progress, token));
            modules.Add(new ArchiveModule(database.Name, migrations[^1], migrations, tables));
        }

        var manifest = new ArchiveManifest(ArchiveManifest.FormatName, 1, clock.GetUtcNow(), string.Join(", ", sources.Select(s => s.Endpoint.Label).Distinct()), modules);
        // Written last, through a temporary name: a directory without manifest.json is an export that did not finish.
        var temporary = Path.Combine(output, ArchiveManifest.FileName + ".tmp");
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(manifest, ArchiveManifest.Json), ct);
        File.Move(temporary, Path.Combine(output, ArchiveManifest.FileName));
        return manifest;
    }

    public async Task<ImportResult> ImportAsync(string directory, string? module, DataEndpoint to, CopyOptions options, IDataProgress progress, CancellationToken ct)
    {
        var root = Path.GetFullPath(directory);
        var manifest = await ArchiveManifest.ReadAsync(root, ct);
        var entries = module is null ? manifest.Modules : manifest.Modules.Where(m => m.Name.Equals(module, StringComparison.OrdinalIgnoreCase)).ToList();
        if (entries.Count == 0) throw new DataToolkitException($"The archive has no module '{module}' (it has {string.Join(", ", manifest.Modules.Select(m => m.Name))}).");
        await (await to.OpenAsync(ct)).DisposeAsync();

        var plans = new List<ModuleCopyPlan>();
        foreach (var entry in entries)
        {
            var database = DataModules.Select(registry, entry.Name)[0];
            var schema = ModuleSchema.Read(database, to);
            plans.Add(await DataCopier.PlanAsync(database, new ArchiveRowSource(root, entry), schema, entry.Migrations, to, options, ct));
        }

        var copy = await copier.RunAsync(plans, to, options, progress, ct);
        var target = to.ReadOnly();
        var results = new List<TableVerifyResult>();
        foreach (var (plan, entry) in plans.Zip(entries))
        {
            var targetRows = new DatabaseRowSource(target, plan.TargetSchema);
            foreach (var table in plan.TargetSchema.Tables)
                results.Add(await VerifyAgainstManifestAsync(plan.Module.Name, table.Spec, entry, plan.Source, targetRows, ct));
        }

        return new ImportResult(copy, new VerifyResult(results));
    }

    private static async Task<TableVerifyResult> VerifyAgainstManifestAsync(string module, TableSpec table, ArchiveModule entry, IRowSource archive, IRowSource target, CancellationToken ct)
    {
        var expected = entry.Tables.First(t => t.Name == table.Name);
        var watch = Stopwatch.StartNew();
        var digest = await DataVerifier.DigestAsync(target, table, module, null, ct);
        if (digest.Rows == expected.Rows && digest.Hash == expected.Hash)
            return new TableVerifyResult(module, table.Name, expected.Rows, digest.Rows, expected.Hash, digest.Hash, 0, 0, 0, [], 0, watch.Elapsed.TotalSeconds);
        // Which keys: compare with the archive's own rows.
        var detail = await DataVerifier.VerifyTableAsync(module, table, archive, target, NoProgress.Instance, ct);
        return detail with { SourceRows = expected.Rows, SourceHash = expected.Hash };
    }

    private static async Task<ArchiveTable> ExportTableAsync(ModuleDatabase module, DatabaseRowSource source, TableSpec table, string output, IDataProgress progress, CancellationToken ct)
    {
        var file = $"{module.Schema}/{table.Name}.jsonl.gz";
        var path = Path.Combine(output, file);
        progress.TableStarted(module.Name, table.Name, await source.CountAsync(table, ct), 0);
        var digest = new TableDigest(table);
        await using (var stream = File.Create(path))
        await using (var gzip = new GZipStream(stream, CompressionLevel.Fastest))
        {
            using var line = new MemoryStream();
            await using var writer = new Utf8JsonWriter(line);
            await foreach (var row in source.ReadAsync(table, null, ct))
            {
                digest.Add(row);
                line.SetLength(0);
                writer.Reset(line);
                writer.WriteStartArray();
                foreach (var value in row) ValueJson.Write(writer, value);
                writer.WriteEndArray();
                writer.Flush();
                line.WriteByte((byte)'\n');
                gzip.Write(line.GetBuffer(), 0, (int)line.Length);
                if (digest.Rows % 10_000 == 0) progress.RowsDone(module.Name, table.Name, 10_000, digest.Rows);
            }
        }

        progress.TableFinished(module.Name, table.Name, digest.Rows);
        var columns = table.Columns.Select(c => new ArchiveColumn(c.Name, ArchiveTypes.Name(c.Type), c.Nullable)).ToList();
        return new ArchiveTable(table.Name, file, columns, table.KeyColumns.Select(c => c.Name).ToList(), digest.Rows, digest.Hash);
    }
}
