using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Cli;

/// <summary>`kamhub seed --tours N` shows its progress; redirected (as here), in plain lines a log can keep.</summary>
public sealed class SeedCliTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task SeedTours_Redirected_PrintsPlainProgressLinesAndTheTotal()
    {
        var result = await ProcessRunner.KamHubAsync(_database, "seed", "--tours", "2500");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("tours: started, 2,500 tours", result.Output, StringComparison.Ordinal);
        Assert.Contains("tours: done, 2,500 tours in", result.Output, StringComparison.Ordinal);
        Assert.Contains("Seeded 2500 tours in", result.Output, StringComparison.Ordinal);
    }
}
