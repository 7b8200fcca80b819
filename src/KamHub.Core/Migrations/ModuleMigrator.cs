using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamHub.Core.Migrations;

/// <summary>
/// Status, up, down and validate for every module's migrations. Up and down run under a lock, so two instances never
/// race: EF Core's lock table on SQLite, a session advisory lock per module on PostgreSQL (<see cref="MigrationSessionLock"/>).
/// </summary>
public sealed class ModuleMigrator(IServiceProvider services, ModuleDatabaseRegistry registry, TimeProvider clock, ILogger<ModuleMigrator> logger)
{
    public IReadOnlyList<ModuleDatabase> Select(string? module)
    {
        if (module is null) return registry.Modules;
        var found = registry.Find(module) ?? throw new MigrationException(
            $"Unknown module '{module}'. Known modules: {string.Join(", ", registry.Modules.Select(m => m.Name))}.");
        return [found];
    }

    public async Task<IReadOnlyList<ModuleMigrationStatus>> StatusAsync(string? module, CancellationToken ct = default)
    {
        var result = new List<ModuleMigrationStatus>();
        foreach (var database in Select(module))
        {
            await using var scope = services.CreateAsyncScope();
            var context = Context(scope, database);
            result.Add(await StatusAsync(context, database, ct));
        }

        return result;
    }

    public async Task UpAsync(string? module, string? to, CancellationToken ct = default)
    {
        foreach (var database in Select(module))
        {
            await using var scope = services.CreateAsyncScope();
            await UpAsync(Context(scope, database), database, to, ct);
        }
    }

    /// <summary>Up on a context of the module's type on any database (the data toolkit migrates a copy's target with it).</summary>
    public async Task UpAsync(ModuleDbContext context, ModuleDatabase database, string? to, CancellationToken ct = default)
    {
        await using var migrationLock = await MigrationSessionLock.AcquireAsync(context, database.Schema, ct);
        var target = to is null ? null : ResolveVersion(context, to);
        var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
        logger.LogInformation("Migrating {Module} ({Provider}): {Count} pending", database.Name, context.Database.ProviderName, pending.Count);
        await context.GetService<IMigrator>().MigrateAsync(target, ct);
        await RecordChecksumsAsync(context, database, ct);
    }

    /// <summary>Reverts to <paramref name="to"/> (exclusive of later migrations) or, without it, undoes the latest migration.</summary>
    public async Task DownAsync(string? module, string? to, CancellationToken ct = default)
    {
        foreach (var database in Select(module))
        {
            await using var scope = services.CreateAsyncScope();
            var context = Context(scope, database);
            await using var migrationLock = await MigrationSessionLock.AcquireAsync(context, database.Schema, ct);
            var applied = (await context.Database.GetAppliedMigrationsAsync(ct)).ToList();
            if (applied.Count == 0) continue;

            var target = to is null
                ? (applied.Count > 1 ? applied[^2] : Migration.InitialDatabase)
                : to == "0" ? Migration.InitialDatabase : ResolveVersion(context, to);
            logger.LogWarning("Rolling back {Module} to {Target}", database.Name, target);
            await context.GetService<IMigrator>().MigrateAsync(target, ct);

            var remaining = (await context.Database.GetAppliedMigrationsAsync(ct)).ToHashSet(StringComparer.Ordinal);
            await MigrationChecksums.EnsureTableAsync(context, database.Schema, ct);
            foreach (var id in applied.Where(id => !remaining.Contains(id)))
                await MigrationChecksums.ForgetAsync(context, database.Schema, id, ct);
        }
    }

    public async Task<IReadOnlyList<(string Module, MigrationRecord Problem)>> ValidateAsync(string? module, CancellationToken ct = default)
    {
        var statuses = await StatusAsync(module, ct);
        return statuses.SelectMany(s => s.Problems.Select(p => (s.Module, p))).ToList();
    }

    private static ModuleDbContext Context(AsyncServiceScope scope, ModuleDatabase database) =>
        (ModuleDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);

    private static async Task<ModuleMigrationStatus> StatusAsync(ModuleDbContext context, ModuleDatabase database, CancellationToken ct)
    {
        var known = context.Database.GetMigrations().ToList();
        var applied = (await context.Database.GetAppliedMigrationsAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var recorded = await MigrationChecksums.ReadAsync(context, database.Schema, ct);

        var records = known.Select(id =>
        {
            if (!applied.Contains(id)) return new MigrationRecord(id, MigrationState.Pending, null, null);
            var current = MigrationChecksums.Compute(context, id);
            recorded.TryGetValue(id, out var stored);
            var state = stored is null || stored == current ? MigrationState.Applied : MigrationState.Changed;
            return new MigrationRecord(id, state, stored, current);
        }).ToList();
        records.AddRange(applied.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal)
            .Select(id => new MigrationRecord(id, MigrationState.Unknown, recorded.GetValueOrDefault(id), null)));
        return new ModuleMigrationStatus(database.Name, database.Connection.Provider.ToString(), records);
    }

    private async Task RecordChecksumsAsync(ModuleDbContext context, ModuleDatabase database, CancellationToken ct)
    {
        var applied = await context.Database.GetAppliedMigrationsAsync(ct);
        var recorded = await MigrationChecksums.ReadAsync(context, database.Schema, ct);
        foreach (var id in applied.Where(id => !recorded.ContainsKey(id) && context.Database.GetMigrations().Contains(id)))
            await MigrationChecksums.RecordAsync(context, database.Schema, id, MigrationChecksums.Compute(context, id), clock.GetUtcNow(), ct);
    }

    /// <summary>Accepts a full migration id, its timestamp prefix or its name ("20261122090000_Initial", "20261122090000", "Initial").</summary>
    private static string ResolveVersion(DbContext context, string version)
    {
        var matches = context.Database.GetMigrations().Where(id =>
            id.Equals(version, StringComparison.OrdinalIgnoreCase) ||
            id.StartsWith(version + "_", StringComparison.OrdinalIgnoreCase) ||
            id.EndsWith("_" + version, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new MigrationException($"Version '{version}' matches {matches.Count} migrations; use the full id.");
    }
}
