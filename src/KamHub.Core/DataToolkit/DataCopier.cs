using System.Diagnostics;
using KamHub.Core.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// <c>kamhub data copy</c> (and <c>import</c>): a module's rows from a source into a target whose schema the module's
/// own migrations made at the source's version. Everything that can refuse (connections, versions, a non-empty
/// target) is checked before the first write. Rows then stream in key order, chunk by chunk, each chunk committed
/// with its checkpoint; tables run in parallel (parents before children) up to the cores available. Never writes
/// to the source. A Core service so the online move (ADR 0012) can run the same copy from the server.
/// </summary>
public sealed class DataCopier(ModuleDatabaseRegistry registry, ModuleMigrator migrator)
{
    public async Task<CopyResult> CopyAsync(string? module, DataEndpoint from, DataEndpoint to, CopyOptions options, IDataProgress progress, CancellationToken ct)
    {
        CheckOptions(options);
        var source = from.ReadOnly();
        if (SameDatabase(source, to)) throw new DataToolkitException("--from and --to are the same database.");
        await (await source.OpenAsync(ct)).DisposeAsync();
        await (await to.OpenAsync(ct)).DisposeAsync();

        var plans = new List<ModuleCopyPlan>();
        foreach (var database in DataModules.Select(registry, module))
        {
            var applied = await ModuleContexts.AppliedMigrationsAsync(database, source, ct);
            if (applied.Count == 0) throw new DataToolkitException($"{database.Name}: {source.Label} has no {database.Name} schema (never migrated); nothing to copy.");
            var schema = ModuleSchema.Read(database, source);
            plans.Add(await PlanAsync(database, new DatabaseRowSource(source, schema, options.Snapshot), schema, applied, to, options, ct));
        }

        return await RunAsync(plans, to, options, progress, ct);
    }

    /// <summary>Checks one module's target against the source's migrations; writes nothing.</summary>
    internal static async Task<ModuleCopyPlan> PlanAsync(ModuleDatabase database, IRowSource source, ModuleSchema sourceSchema, IReadOnlyList<string> sourceMigrations,
        DataEndpoint to, CopyOptions options, CancellationToken ct)
    {
        await using (var context = ModuleContexts.Create(database, to))
        {
            var known = context.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            var unknown = sourceMigrations.FirstOrDefault(id => !known.Contains(id));
            if (unknown is not null)
                throw new DataToolkitException($"{database.Name}: the source has migration {unknown}, which this KamHub build does not know; copy with the build that wrote it.");
        }

        var version = sourceMigrations[^1];
        var targetMigrations = await ModuleContexts.AppliedMigrationsAsync(database, to, ct);
        if (targetMigrations.Count > 0 && !targetMigrations.SequenceEqual(sourceMigrations, StringComparer.Ordinal))
            throw new DataToolkitException($"{database.Name}: versions differ: the source is at {version}, {to.Label} at {targetMigrations[^1]}.");

        var targetSchema = ModuleSchema.Read(database, to);
        if (targetMigrations.Count > 0) await CheckTargetEmptyAsync(database, targetSchema, to, options.Resume, ct);
        return new ModuleCopyPlan(database, source, sourceSchema, targetSchema, version, MigrateTarget: targetMigrations.Count == 0);
    }

    internal async Task<CopyResult> RunAsync(IReadOnlyList<ModuleCopyPlan> plans, DataEndpoint to, CopyOptions options, IDataProgress progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var checkpoints = new Dictionary<string, IReadOnlyList<CopyCheckpoint>>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            if (plan.MigrateTarget)
            {
                await using var context = ModuleContexts.Create(plan.Module, to);
                await migrator.UpAsync(context, plan.Module, plan.Version, ct);
            }

            await using var connection = await to.OpenAsync(ct);
            await CopyCheckpoints.EnsureTableAsync(connection, to, plan.Module.Schema, ct);
            checkpoints[plan.Module.Name] = await CopyCheckpoints.ReadIfAnyAsync(connection, to, plan.Module.Schema, ct);
        }

        var jobs = plans.SelectMany(p => p.TargetSchema.Tables.Select(t => new TableCopyJob(
            p, p.SourceSchema.Find(t.Spec.Name), t, checkpoints[p.Module.Name].FirstOrDefault(c => c.Table == t.Spec.Name)))).ToList();
        var parallel = options.ParallelOn(to);
        var results = await TableScheduler.RunAsync(jobs, parallel, (job, token) => job.RunAsync(to, options, progress, token), ct);

        foreach (var plan in plans) await FinishModuleAsync(plan, to, ct);
        return new CopyResult(results, watch.Elapsed);
    }

    private static async Task CheckTargetEmptyAsync(ModuleDatabase database, ModuleSchema target, DataEndpoint to, bool resume, CancellationToken ct)
    {
        await using var connection = await to.OpenAsync(ct);
        var unfinished = await CopyCheckpoints.ExistsAsync(connection, to, database.Schema, ct);
        if (resume) return;
        if (unfinished)
            throw new DataToolkitException($"{database.Name}: {to.Label} holds an unfinished copy; run the same copy with --resume to finish it.");
        foreach (var table in target.Tables)
        {
            if (await TableQueries.AnyAsync(connection, table.QuotedName, ct))
                throw new DataToolkitException($"{database.Name}: the target is not empty ({table.QuotedName} has rows in {to.Label}); copy needs an empty target.");
        }
    }

    /// <summary>Identity sequences past the copied keys (so the next insert works), fresh statistics, and the checkpoints gone.</summary>
    private static async Task FinishModuleAsync(ModuleCopyPlan plan, DataEndpoint to, CancellationToken ct)
    {
        await using var connection = await to.OpenAsync(ct);
        await SetSequencesAsync(connection, plan.Module, plan.TargetSchema, to, ct);
        await CopyCheckpoints.DropAsync(connection, to, plan.Module.Schema, ct);
    }

    /// <summary>PostgreSQL: identity sequences past the largest key and fresh statistics (the online move runs it at each write switch too).</summary>
    internal static async Task SetSequencesAsync(System.Data.Common.DbConnection connection, ModuleDatabase module, ModuleSchema schema, DataEndpoint to, CancellationToken ct)
    {
        if (!to.IsSqlite)
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = @s AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "s";
                parameter.Value = module.Schema;
                command.Parameters.Add(parameter);
                var identities = new List<(string Table, string Column)>();
                await using (var reader = await command.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct)) identities.Add((reader.GetString(0), reader.GetString(1)));
                }

                foreach (var (table, column) in identities)
                {
                    var quoted = $"\"{module.Schema}\".\"{table}\"";
                    await TableQueries.ExecuteAsync(connection,
                        $"SELECT setval(pg_get_serial_sequence('{quoted.Replace("'", "''", StringComparison.Ordinal)}', '{column}'), " +
                        $"COALESCE((SELECT max(\"{column}\") FROM {quoted}), 0) + 1, false)", ct);
                }
            }

            foreach (var table in schema.Tables) await TableQueries.ExecuteAsync(connection, $"ANALYZE {table.QuotedName}", ct);
        }
    }

    private static void CheckOptions(CopyOptions options)
    {
        var problem = options.Validate().FirstOrDefault();
        if (problem is not null) throw new DataToolkitException(problem);
    }

    private static bool SameDatabase(DataEndpoint a, DataEndpoint b)
    {
        if (a.Provider != b.Provider) return false;
        if (a.IsSqlite) return string.Equals(a.SqliteFile, b.SqliteFile, StringComparison.Ordinal);
        var x = new Npgsql.NpgsqlConnectionStringBuilder(a.ConnectionString);
        var y = new Npgsql.NpgsqlConnectionStringBuilder(b.ConnectionString);
        return string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase) && x.Port == y.Port && x.Database == y.Database;
    }
}
