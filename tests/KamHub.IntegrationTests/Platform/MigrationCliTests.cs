using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>The real `kamhub migrate` executable, as an operator runs it.</summary>
public sealed class MigrationCliTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task MigrateUp_TwoProcessesAtOnce_BothSucceedAndEveryMigrationIsAppliedOnce()
    {
        var first = ProcessRunner.KamHubAsync(_database, "migrate", "up");
        var second = ProcessRunner.KamHubAsync(_database, "migrate", "up");
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
        var status = await ProcessRunner.KamHubAsync(_database, "migrate", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.DoesNotContain("pending", status.Output, StringComparison.Ordinal);
        Assert.Contains("applied", status.Output, StringComparison.Ordinal);
        var validate = await ProcessRunner.KamHubAsync(_database, "migrate", "validate");
        Assert.True(validate.ExitCode == 0, validate.Output);
    }

    [Fact]
    public async Task MigrateDown_ToZeroForOneModule_LeavesItAllPending()
    {
        Assert.Equal(0, (await ProcessRunner.KamHubAsync(_database, "migrate", "up")).ExitCode);
        var down = await ProcessRunner.KamHubAsync(_database, "migrate", "down", "--module", "Identity", "--to", "0");
        Assert.True(down.ExitCode == 0, down.Output);

        var identity = await ProcessRunner.KamHubAsync(_database, "migrate", "status", "--module", "Identity");
        Assert.Contains("pending", identity.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("applied", identity.Output, StringComparison.Ordinal);
        var validate = await ProcessRunner.KamHubAsync(_database, "migrate", "validate");
        Assert.True(validate.ExitCode == 0, validate.Output);
    }

    [Fact]
    public async Task Migrate_UnknownModule_ExitsWithAnErrorNamingTheKnownModules()
    {
        var result = await ProcessRunner.KamHubAsync(_database, "migrate", "status", "--module", "Nope");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Discovery", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateValidate_WhenAnAppliedMigrationWasTampered_ExitsOneNamingIt()
    {
        Assert.Equal(0, (await ProcessRunner.KamHubAsync(_database, "migrate", "up")).ExitCode);
        await TamperIdentityChecksumsAsync();

        var validate = await ProcessRunner.KamHubAsync(_database, "migrate", "validate");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("Identity: 20261122000100_InitialIdentity is changed", validate.Output, StringComparison.Ordinal);
    }

    private async Task TamperIdentityChecksumsAsync()
    {
        if (_database.PlatformConnectionString is { } pg)
        {
            await using var connection = new Npgsql.NpgsqlConnection(pg);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("UPDATE \"identity\".\"__migration_checksums\" SET checksum = 'tampered'", connection);
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_database.DataDir, "kamhub.db")};Pooling=false");
        await sqlite.OpenAsync();
        await using var update = sqlite.CreateCommand();
        update.CommandText = "UPDATE \"identity__migration_checksums\" SET checksum = 'tampered'";
        await update.ExecuteNonQueryAsync();
    }
}
