using System.Net;
using System.Net.Http.Json;
using KamHub.Core.Data;
using KamHub.Core.DataToolkit;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.DataToolkit;

/// <summary>
/// <c>kamhub data copy</c> and <c>verify</c> through their Core services. The source is the suite's provider (SQLite
/// in the sqlite pass, PostgreSQL in the postgres pass); targets are fresh PostgreSQL databases and SQLite files, so
/// the passes cover SQLite→PostgreSQL, shared PostgreSQL→a module's own database, and PostgreSQL→SQLite.
/// </summary>
public sealed class DataCopyTests : IAsyncLifetime
{
    private const int Events = 9_500;
    private DataSource _source = null!;
    private readonly ScratchDatabases _scratch = new();

    public async Task InitializeAsync() => _source = await DataSource.CreateAsync(Events);

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        _scratch.Dispose();
    }

    private DataCopier Copier => _source.Services.GetRequiredService<DataCopier>();

    private DataVerifier Verifier => _source.Services.GetRequiredService<DataVerifier>();

    private IReadOnlyList<ModuleDatabase> Modules => _source.Services.GetRequiredService<ModuleDatabaseRegistry>().Modules;

    [Fact]
    public async Task Copy_EveryModuleIntoItsOwnPostgresDatabase_VerifiesEqualAndTheAppRunsOnTheCopies()
    {
        var targets = new Dictionary<string, string>();
        var migrated = _scratch.Postgres(MigratedTemplate.PostgresDatabase);
        foreach (var module in Modules)
        {
            var target = _scratch.Postgres();
            targets[module.Name] = target;
            // Tables of 1,000 rows or more get their secondary indexes built after the load: all of them are back after the copy.
            var copy = await Copier.CopyAsync(module.Name, _source.Endpoint, DataEndpoint.Parse(target, "--to"), new CopyOptions(ChunkRows: 1_000, DeferIndexesFromRows: 1_000),
                NoProgress.Instance, default);
            Assert.Equal(await SourceRowsAsync(module), copy.Tables.Sum(t => t.Rows));
            Assert.Equal(await IndexesAsync(migrated, module.Schema), await IndexesAsync(target, module.Schema));
            var verify = await Verifier.VerifyAsync(module.Name, _source.Endpoint, DataEndpoint.Parse(target, "--to"), NoProgress.Instance, default);
            Assert.True(verify.Equal, Describe(verify));
        }

        var discoveryOutbox = (await Verifier.VerifyAsync("Discovery", _source.Endpoint, DataEndpoint.Parse(targets["Discovery"], "--to"), NoProgress.Instance, default))
            .Tables.Single(t => t.Table == "outbox_events");
        Assert.True(discoveryOutbox.SourceRows >= Events);

        // A host on the copies: every module on its own database. Registering inserts a user and an outbox row with
        // an identity key: it works only if the copy set the sequences past the copied keys.
        using var onCopies = new KamHubFactory();
        foreach (var (module, target) in targets) onCopies.With($"ConnectionStrings:{module}", target);
        var client = onCopies.CreateClient();
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email = "after-copy@example.com", password = "After-Copy-Password-1", displayName = "Copied" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var tours = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/tours?limit=3");
        Assert.Equal(3, tours.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Copy_AllModulesIntoSqlite_VerifiesEqual()
    {
        var target = DataEndpoint.Parse(_scratch.Sqlite(), "--to");
        var copy = await Copier.CopyAsync(null, _source.Endpoint, target, new CopyOptions(ChunkRows: 2_000), NoProgress.Instance, default);
        Assert.Contains(copy.Tables, t => t.Module == "Discovery" && t.Table == "event_inbox" && t.Rows >= Events / 2);

        var verify = await Verifier.VerifyAsync(null, _source.Endpoint, target, NoProgress.Instance, default);
        Assert.True(verify.Equal, Describe(verify));
        Assert.Equal(Modules.Count, verify.Tables.Select(t => t.Module).Distinct().Count());
    }

    [Fact]
    public async Task Copy_CrashedAfterSomeChunksOfATable_ResumeFinishesWithoutLosingOrDoublingRows()
    {
        const int chunk = 1_000;
        // Into the other provider: SQLite→PostgreSQL in the sqlite pass, PostgreSQL→SQLite in the postgres pass.
        var target = DataEndpoint.Parse(TestDatabase.UsePostgres ? _scratch.Sqlite() : _scratch.Postgres(), "--to");
        var crash = new CrashAfterChunks("outbox_events", chunks: 4);
        await Assert.ThrowsAsync<SimulatedCrash>(() => Copier.CopyAsync("Discovery", _source.Endpoint, target, new CopyOptions(ChunkRows: chunk, DeferIndexesFromRows: chunk), crash, default));

        var discovery = Modules.Single(m => m.Name == "Discovery");
        // Into PostgreSQL the table's secondary indexes were dropped for the load; the resumed copy rebuilds them from the list the target keeps.
        if (!target.IsSqlite) Assert.DoesNotContain(await IndexesAsync(target.ConnectionString, "discovery"), d => d.Contains("ix_discovery_outbox_events_type", StringComparison.Ordinal));
        var halfway = await DataStatus.ReadAsync(discovery, target, default);
        Assert.Equal(4 * chunk, halfway.Tables.Single(t => t.Name == "outbox_events").Rows);
        Assert.Equal(4 * chunk, halfway.CopyInProgress.Single(c => c.Table == "outbox_events").Rows);

        var refused = await Assert.ThrowsAsync<DataToolkitException>(() => Copier.CopyAsync("Discovery", _source.Endpoint, target, new CopyOptions(ChunkRows: chunk), NoProgress.Instance, default));
        Assert.Contains("--resume", refused.Message, StringComparison.Ordinal);

        var resumed = await Copier.CopyAsync("Discovery", _source.Endpoint, target, new CopyOptions(Resume: true, ChunkRows: chunk, DeferIndexesFromRows: chunk), NoProgress.Instance, default);
        var outbox = resumed.Tables.Single(t => t.Table == "outbox_events");
        var sourceRows = (await DataStatus.ReadAsync(discovery, _source.Endpoint, default)).Tables.Single(t => t.Name == "outbox_events").Rows;
        if (!target.IsSqlite) Assert.Equal(await IndexesAsync(_scratch.Postgres(MigratedTemplate.PostgresDatabase), "discovery"), await IndexesAsync(target.ConnectionString, "discovery"));
        Assert.Equal(sourceRows, outbox.Rows);
        // Nothing committed before the crash is copied again.
        Assert.Equal(sourceRows - (4 * chunk), outbox.CopiedThisRun);

        var after = await DataStatus.ReadAsync(discovery, target, default);
        Assert.Empty(after.CopyInProgress);
        var verify = await Verifier.VerifyAsync("Discovery", _source.Endpoint, target, NoProgress.Instance, default);
        Assert.True(verify.Equal, Describe(verify));
    }

    [Fact]
    public async Task Copy_KilledByTheOsMidTable_ResumeRedoesOnlyTheUncommittedChunkAndLosesOrDoublesNoRow()
    {
        const int chunk = 500;
        var raw = TestDatabase.UsePostgres ? _scratch.Sqlite() : _scratch.Postgres();
        var target = DataEndpoint.Parse(raw, "--to");
        var discovery = Modules.Single(m => m.Name == "Discovery");
        var sourceRows = (await DataStatus.ReadAsync(discovery, _source.Endpoint, default)).Tables.Single(t => t.Name == "outbox_events").Rows;

        // The real CLI in its own process, throttled so that it is surely mid-table when it is killed (SIGKILL: no cleanup runs).
        using (var copy = StartKamHub("data", "copy", "--module", "Discovery", "--from", _source.ConnectionString, "--to", raw,
                   "--chunk-rows", chunk.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parallel", "1", "--max-rows-per-second", "2000"))
        {
            await KamHub.IntegrationTests.Booking.BookingApi.EventuallyAsync(async () => await CommittedAsync(discovery, target) >= 2 * chunk, "a few committed chunks of outbox_events");
            copy.Kill(entireProcessTree: true);
            await copy.WaitForExitAsync();
        }

        var killed = await DataStatus.ReadAsync(discovery, target, default);
        var checkpoint = killed.CopyInProgress.Single(c => c.Table == "outbox_events");
        // The chunk in flight died with its transaction: the target holds exactly the checkpointed rows.
        Assert.Equal(checkpoint.Rows, killed.Tables.Single(t => t.Name == "outbox_events").Rows);
        Assert.True(checkpoint.Rows < sourceRows, $"the copy finished before the kill ({checkpoint.Rows} rows)");

        var resumed = await Copier.CopyAsync("Discovery", _source.Endpoint, target, new CopyOptions(Resume: true, ChunkRows: chunk), NoProgress.Instance, default);
        var outbox = resumed.Tables.Single(t => t.Table == "outbox_events");
        Assert.Equal(sourceRows, outbox.Rows);
        // Nothing committed before the kill is copied again: the work redone is the one uncommitted chunk at most.
        Assert.Equal(sourceRows - checkpoint.Rows, outbox.CopiedThisRun);
        Assert.Empty((await DataStatus.ReadAsync(discovery, target, default)).CopyInProgress);
        var verify = await Verifier.VerifyAsync("Discovery", _source.Endpoint, target, NoProgress.Instance, default);
        Assert.True(verify.Equal, Describe(verify));
    }

    /// <summary>Rows of outbox_events the copy has committed so far (0 before the target is migrated).</summary>
    private static async Task<long> CommittedAsync(ModuleDatabase discovery, DataEndpoint target)
    {
        try
        {
            var status = await DataStatus.ReadAsync(discovery, target, default);
            return status.CopyInProgress.FirstOrDefault(c => c.Table == "outbox_events")?.Rows ?? 0;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DataToolkitException or InvalidOperationException)
        {
            return 0;
        }
    }

    private System.Diagnostics.Process StartKamHub(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(RepositoryPaths.KamHubDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["KamHub__DataDir"] = _source.Factory.Database.DataDir;
        info.Environment["KamHub__Logging__Json"] = "false";
        if (_source.Factory.Database.PlatformConnectionString is { } pg) info.Environment["ConnectionStrings__Platform"] = pg;
        var process = System.Diagnostics.Process.Start(info)!;
        // Drained so a full pipe never blocks the child.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    [Fact]
    public async Task Copy_IntoATargetThatHasRows_IsRefusedAndWritesNothing()
    {
        var target = DataEndpoint.Parse(_scratch.Postgres(), "--to");
        await Copier.CopyAsync("Identity", _source.Endpoint, target, new CopyOptions(), NoProgress.Instance, default);
        var identity = Modules.Single(m => m.Name == "Identity");
        var before = await DataStatus.ReadAsync(identity, target, default);
        Assert.Contains(before.Tables, t => t.Name == "users" && t.Rows > 0);

        var refused = await Assert.ThrowsAsync<DataToolkitException>(() => Copier.CopyAsync("Identity", _source.Endpoint, target, new CopyOptions(), NoProgress.Instance, default));
        Assert.Contains("not empty", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        var after = await DataStatus.ReadAsync(identity, target, default);
        Assert.Equal(before.Tables.Select(t => t.Rows), after.Tables.Select(t => t.Rows));
        Assert.Empty(after.CopyInProgress);
    }

    /// <summary>The definitions of every index in a PostgreSQL schema (what the module's migrations made), sorted.</summary>
    private static async Task<List<string>> IndexesAsync(string connectionString, string schema)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE schemaname = @s ORDER BY indexname", connection);
        command.Parameters.AddWithValue("s", schema);
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) definitions.Add(reader.GetString(0));
        return definitions;
    }

    private async Task<long> SourceRowsAsync(ModuleDatabase module) =>
        (await DataStatus.ReadAsync(module, _source.Endpoint, default)).Tables.Sum(t => t.Rows);

    internal static string Describe(VerifyResult result) => string.Join("; ", result.Tables.Where(t => !t.Equal)
        .Select(t => $"{t.Module}.{t.Table}: {t.SourceRows} vs {t.TargetRows}, {string.Join(',', t.Differences.Select(d => $"{d.Kind} {d.Key}"))}"));

    private sealed class SimulatedCrash : Exception;

    /// <summary>Throws right after the Nth chunk of a table committed: a crash between chunks, as far as the target can tell.</summary>
    private sealed class CrashAfterChunks(string table, int chunks) : IDataProgress
    {
        private int _committed;

        public void TableStarted(string module, string table1, long totalRows, long alreadyDone)
        {
        }

        public void RowsDone(string module, string table1, long rows, long done)
        {
            if (table1 == table && Interlocked.Increment(ref _committed) == chunks) throw new SimulatedCrash();
        }

        public void TableFinished(string module, string table1, long rows)
        {
        }
    }
}
