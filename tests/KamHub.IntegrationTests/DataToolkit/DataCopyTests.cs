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
        foreach (var module in Modules)
        {
            var target = _scratch.Postgres();
            targets[module.Name] = target;
            var copy = await Copier.CopyAsync(module.Name, _source.Endpoint, DataEndpoint.Parse(target, "--to"), new CopyOptions(ChunkRows: 1_000), NoProgress.Instance, default);
            Assert.Equal(await SourceRowsAsync(module), copy.Tables.Sum(t => t.Rows));
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
        await Assert.ThrowsAsync<SimulatedCrash>(() => Copier.CopyAsync("Discovery", _source.Endpoint, target, new CopyOptions(ChunkRows: chunk), crash, default));

        var discovery = Modules.Single(m => m.Name == "Discovery");
        var halfway = await DataStatus.ReadAsync(discovery, target, default);
        Assert.Equal(4 * chunk, halfway.Tables.Single(t => t.Name == "outbox_events").Rows);
        Assert.Equal(4 * chunk, halfway.CopyInProgress.Single(c => c.Table == "outbox_events").Rows);

        var refused = await Assert.ThrowsAsync<DataToolkitException>(() => Copier.CopyAsync("Discovery", _source.Endpoint, target, new CopyOptions(ChunkRows: chunk), NoProgress.Instance, default));
        Assert.Contains("--resume", refused.Message, StringComparison.Ordinal);

        var resumed = await Copier.CopyAsync("Discovery", _source.Endpoint, target, new CopyOptions(Resume: true, ChunkRows: chunk), NoProgress.Instance, default);
        var outbox = resumed.Tables.Single(t => t.Table == "outbox_events");
        var sourceRows = (await DataStatus.ReadAsync(discovery, _source.Endpoint, default)).Tables.Single(t => t.Name == "outbox_events").Rows;
        Assert.Equal(sourceRows, outbox.Rows);
        // Nothing committed before the crash is copied again.
        Assert.Equal(sourceRows - (4 * chunk), outbox.CopiedThisRun);

        var after = await DataStatus.ReadAsync(discovery, target, default);
        Assert.Empty(after.CopyInProgress);
        var verify = await Verifier.VerifyAsync("Discovery", _source.Endpoint, target, NoProgress.Instance, default);
        Assert.True(verify.Equal, Describe(verify));
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
