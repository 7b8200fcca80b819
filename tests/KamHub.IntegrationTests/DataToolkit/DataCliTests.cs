using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.DataToolkit;

/// <summary>The real <c>kamhub data</c> executable: exit codes, one-line errors, verify naming a changed key, export/import.</summary>
public sealed class DataCliTests : IAsyncLifetime
{
    private DataSource _source = null!;
    private readonly ScratchDatabases _scratch = new();

    public async Task InitializeAsync() => _source = await DataSource.CreateAsync(events: 500);

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Verify_WhenARowChangedOnTheTarget_ExitsOneAndNamesItsKey()
    {
        var target = _scratch.Postgres();
        var copy = await Data("copy", "--module", "discovery", "--from", _source.ConnectionString, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.Output);
        Assert.Contains("Discovery.outbox_events", copy.Output, StringComparison.Ordinal);

        var equal = await Data("verify", "--module", "Discovery", "--from", _source.ConnectionString, "--to", target);
        Assert.True(equal.ExitCode == 0, equal.Output);

        var tourId = await ChangeOneTourTitleAsync(target);
        var verify = await Data("verify", "--module", "Discovery", "--from", _source.ConnectionString, "--to", target, "--json");
        Assert.True(verify.ExitCode == 1, verify.Output);
        Assert.Contains($"\"key\": \"{tourId}\"", verify.Output, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"different\"", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataCommands_WithBadArguments_ExitTwoWithOneLineNamingTheProblem()
    {
        var target = _scratch.Postgres();
        await AssertRefusedAsync("Unknown module 'nope'", "copy", "--module", "nope", "--from", _source.ConnectionString, "--to", target);
        await AssertRefusedAsync("--from", "copy", "--all", "--to", target);
        await AssertRefusedAsync("--module NAME or --all", "verify", "--from", _source.ConnectionString, "--to", target);
        await AssertRefusedAsync("cannot connect", "copy", "--all", "--from", _source.ConnectionString, "--to", $"Host=127.0.0.1;Port={LoopbackPorts.Free()};Username=postgres;Database=nowhere");
        await AssertRefusedAsync("no such database file", "verify", "--all", "--from", "Data Source=/nonexistent/kamhub.db", "--to", target);

        var copy = await Data("copy", "--module", "identity", "--from", _source.ConnectionString, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.Output);
        await AssertRefusedAsync("not empty", "copy", "--module", "identity", "--from", _source.ConnectionString, "--to", target);
    }

    [Fact]
    public async Task ExportThenImport_IntoAnotherProvider_IsVerifiedAgainstTheManifest()
    {
        var archive = _scratch.ArchiveDirectory();
        var export = await Data("export", "--all", "--out", archive, "--from", _source.ConnectionString);
        Assert.True(export.ExitCode == 0, export.Output);
        Assert.True(File.Exists(Path.Combine(archive, "manifest.json")));

        var target = TestDatabase.UsePostgres ? _scratch.Sqlite() : _scratch.Postgres();
        var import = await Data("import", "--from", archive, "--to", target);
        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("table(s) equal", import.Output, StringComparison.Ordinal);

        var verify = await Data("verify", "--all", "--from", _source.ConnectionString, "--to", target);
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    [Fact]
    public async Task Move_ThroughTheCli_StartStatusReadsSwitchWritesRollback_ExitsZeroOrTwoWithOneLineErrors()
    {
        var target = _scratch.Postgres();
        var started = await Move("start", "--module", "Booking", "--to", target, "--json");
        Assert.True(started.ExitCode == 0, started.Output);
        Assert.Equal("mirroring", Json(started).GetProperty("state").GetString());
        await AssertRefusedAsync("already being moved", "move", "start", "--module", "Booking", "--to", _scratch.Postgres());

        var status = await Move("status", "--module", "Booking", "--json");
        Assert.True(status.ExitCode == 0, status.Output);
        var listed = Json(status).EnumerateArray().Single();
        Assert.Equal("reads 1 %", listed.GetProperty("next").GetString());
        Assert.Equal(0, listed.GetProperty("shadowReads").GetProperty("mismatches").GetInt64());

        await AssertRefusedAsync("Cannot finalize", "move", "finalize", "--module", "Booking");
        await AssertRefusedAsync("percent must be between 0 and 100", "move", "reads", "--module", "Booking", "--percent", "150");
        var reads = await Move("reads", "--module", "Booking", "--percent", "100", "--json");
        Assert.True(reads.ExitCode == 0, reads.Output);
        Assert.Equal(100, Json(reads).GetProperty("readPercent").GetInt32());

        var switched = await Move("switch-writes", "--module", "Booking", "--json");
        Assert.True(switched.ExitCode == 0, switched.Output);
        Assert.Equal("writes-switched", Json(switched).GetProperty("state").GetString());
        Assert.True(Json(switched).GetProperty("verify").GetProperty("equal").GetBoolean(), switched.Output);

        // The rollback drill of docs/operations.md: back to the old database after the write switch, then nothing left to step.
        var rolledBack = await Move("rollback", "--module", "Booking");
        Assert.True(rolledBack.ExitCode == 0, rolledBack.Output);
        Assert.Contains("rolled-back", rolledBack.Output, StringComparison.Ordinal);
        await AssertRefusedAsync("has no move in progress", "move", "step", "--module", "Booking");
        var verify = await Data("verify", "--module", "Booking", "--from", _source.ConnectionString, "--to", target);
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    private Task<ProcessResult> Move(params string[] args) => Data(["move", .. args]);

    private static System.Text.Json.JsonElement Json(ProcessResult result)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(result.Output).RootElement.Clone();
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"not one JSON document ({ex.Message}): {result.Output}");
        }
    }

    private async Task AssertRefusedAsync(string expected, params string[] args)
    {
        var result = await Data(args);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Output}");
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Single(result.Output.Trim().Split('\n'));
    }

    private Task<ProcessResult> Data(params string[] args) => ProcessRunner.KamHubAsync(_source.Factory.Database, ["data", .. args]);

    private static async Task<Guid> ChangeOneTourTitleAsync(string target)
    {
        await using var connection = new Npgsql.NpgsqlConnection(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE discovery.tours SET title_en = title_en || ' (edited)' WHERE id = (SELECT id FROM discovery.tours ORDER BY id LIMIT 1) RETURNING id";
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
