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
}
