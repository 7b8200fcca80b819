using KamHub.Core.Data;
using KamHub.Core.Migrations;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Platform;

public sealed class MigrationTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private ModuleMigrator Migrator => _factory.Services.GetRequiredService<ModuleMigrator>();

    /// <summary>A module that ships migrations (Identity); the rollback tests exercise it.</summary>
    private const string Migrated = "Identity";

    [Fact]
    public async Task Status_AfterStart_EveryModuleHasMigrationsAllApplied()
    {
        var statuses = await Migrator.StatusAsync(null);
        Assert.Contains(statuses, s => s.Module == "Identity");
        Assert.Contains(statuses, s => s.Module == "Discovery");
        Assert.Contains(statuses, s => s.Migrations.Count > 0);
        Assert.All(statuses, s =>
        {
            Assert.All(s.Migrations, m => Assert.Equal(MigrationState.Applied, m.State));
            Assert.All(s.Migrations, m => Assert.NotNull(m.RecordedChecksum));
        });
    }

    [Fact]
    public async Task Down_ThenUp_RollsBackTheLatestMigrationAndReappliesIt()
    {
        var module = (await Migrator.StatusAsync(Migrated)).Single();
        var latest = module.Migrations[^1].Id;

        await Migrator.DownAsync(Migrated, null);
        var afterDown = (await Migrator.StatusAsync(Migrated)).Single();
        Assert.Equal(MigrationState.Pending, afterDown.Migrations.Single(m => m.Id == latest).State);

        await Migrator.UpAsync(Migrated, null);
        var afterUp = (await Migrator.StatusAsync(Migrated)).Single();
        Assert.All(afterUp.Migrations, m => Assert.Equal(MigrationState.Applied, m.State));
        // The schema is usable again: the model's tables answer queries.
        await AssertEveryEntityQueryableAsync(Migrated);
    }

    [Fact]
    public async Task DownToZero_RemovesEveryTableOfTheModule_AndUpRestoresThem()
    {
        await Migrator.DownAsync(Migrated, "0");
        var status = (await Migrator.StatusAsync(Migrated)).Single();
        Assert.All(status.Migrations, m => Assert.Equal(MigrationState.Pending, m.State));

        await Migrator.UpAsync(Migrated, null);
        await AssertEveryEntityQueryableAsync(Migrated);
    }

    [Fact]
    public async Task Validate_WhenAChecksumWasTampered_ReportsTheMigrationAsChanged()
    {
        Assert.Empty(await Migrator.ValidateAsync(null));
        var database = _factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Find(Migrated)!;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            var table = context.Database.IsSqlite() ? "\"identity__migration_checksums\"" : "\"identity\".\"__migration_checksums\"";
            var sql = "UPDATE " + table + " SET checksum = 'tampered'";
            await context.Database.ExecuteSqlRawAsync(sql);
        }

        var problems = await Migrator.ValidateAsync(null);
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(Migrated, p.Module));
        Assert.All(problems, p => Assert.Equal(MigrationState.Changed, p.Problem.State));
    }

    [Fact]
    public async Task SchemaMatchesModel_ForEveryModule()
    {
        var problems = new List<string>();
        foreach (var module in _factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Modules)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            problems.AddRange(await SchemaDrift.FindAsync(context, module.Name));
        }

        Assert.True(problems.Count == 0, "The migrated schema differs from the model:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    /// <summary>Hand-written migrations have no snapshot: with the drift test, this checks that they create what the model maps.</summary>
    private async Task AssertEveryEntityQueryableAsync(string module)
    {
        var database = _factory.Services.GetRequiredService<ModuleDatabaseRegistry>().Find(module)!;
        await using var scope = _factory.Services.CreateAsyncScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        foreach (var entity in context.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is not null))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(entity.ClrType).Invoke(context, null)!;
            _ = await set.Take(1).ToListAsync();
        }
    }
}
