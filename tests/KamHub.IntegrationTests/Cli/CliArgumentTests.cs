using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Cli;

/// <summary>The real `kamhub` executable given wrong arguments: one line naming the problem, exit 2, nothing written.</summary>
public sealed class CliArgumentTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData(new[] { "bogus" }, "unknown command 'bogus'")]
    [InlineData(new[] { "migrate", "bogus" }, "unknown command 'bogus' for 'kamhub migrate'")]
    [InlineData(new[] { "events", "bogus" }, "unknown command 'bogus' for 'kamhub events'")]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus'")]
    public async Task UnknownWord_ExitsTwoNamingItWithUsage_AndTouchesNoData(string[] args, string expected)
    {
        var result = await ProcessRunner.KamHubAsync(_database, args);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.StartsWith($"kamhub: {expected}.", result.Output.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        await AssertNothingMigratedAsync();
    }

    [Theory]
    [InlineData("notaurl", "'notaurl' is not an address to listen on")]
    [InlineData("http://localhost:99999", "port 99999 in 'http://localhost:99999' is out of range")]
    [InlineData("ftp://localhost:5080", "'ftp://localhost:5080' is not an address to listen on")]
    public async Task Serve_WithBadUrls_ExitsTwoBeforeMigratingOrSeeding(string urls, string expected)
    {
        var result = await ProcessRunner.KamHubAsync(_database, "serve", "--urls", urls);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        AssertOneLineWithoutStackTrace(result);
        await AssertNothingMigratedAsync();
    }

    [Fact]
    public async Task EventsList_OnAnUnmigratedDatabase_SaysToMigrateInOneLine()
    {
        var result = await ProcessRunner.KamHubAsync(_database, "events", "list");

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("kamhub migrate up", result.Output, StringComparison.Ordinal);
        AssertOneLineWithoutStackTrace(result);
    }

    [Fact]
    public async Task ConfigurationSettings_AreStillTakenAsUnclaimedTokens()
    {
        var result = await ProcessRunner.KamHubAsync(_database, "migrate", "status", "--KamHub:Cache:Enabled=false", "--KamHub:Database:CommandTimeoutSeconds", "20");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("pending", result.Output, StringComparison.Ordinal);
    }

    private static void AssertOneLineWithoutStackTrace(ProcessResult result)
    {
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("kamhub:", StringComparison.Ordinal) || l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.DoesNotContain(" at KamHub.", result.Output, StringComparison.Ordinal);
    }

    private async Task AssertNothingMigratedAsync()
    {
        if (!TestDatabase.UsePostgres)
        {
            Assert.False(File.Exists(Path.Combine(_database.DataDir, "kamhub.db")), "the database file was created");
            return;
        }

        var status = await ProcessRunner.KamHubAsync(_database, "migrate", "status");
        Assert.DoesNotContain("applied", status.Output, StringComparison.Ordinal);
    }
}
