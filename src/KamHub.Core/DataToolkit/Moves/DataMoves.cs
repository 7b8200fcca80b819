using System.Text.Json;
using KamHub.Core.Data;
using KamHub.Core.Features;
using KamHub.Core.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// The online move of one module (ADR 0014), for the CLI and the admin API: start (capture, copy, mirror), read switch
/// by sticky percentage, fenced write switch, finalize, rollback from any step before finalize. Every step is a save
/// of the move row guarded by its version, so two operators cannot run the same step twice.
/// </summary>
public sealed class DataMoves
{
    private readonly MovesDbContext _db;
    private readonly FlagAdmin _flags;
    private readonly DataCopier _copier;
    private readonly DataVerifier _verifier;
    private readonly ModuleDatabaseRegistry _registry;
    private readonly MoveRouting _routing;
    private readonly MoveOptions _options;
    private readonly TimeProvider _clock;

    internal DataMoves(MovesDbContext db, FlagAdmin flags, DataCopier copier, DataVerifier verifier, ModuleDatabaseRegistry registry, MoveRouting routing,
        IOptions<MoveOptions> options, TimeProvider clock)
    {
        (_db, _flags, _copier, _verifier, _registry, _routing, _options, _clock) = (db, flags, copier, verifier, registry, routing, options.Value, clock);
    }

    public async Task<IReadOnlyList<DataMoveStatus>> ListAsync(string? module, CancellationToken ct)
    {
        var rows = _db.Moves.AsNoTracking();
        // Resolved before the query: an unknown module is a 404 (MoveException), not an exception inside EF's parameter extraction.
        if (!string.IsNullOrWhiteSpace(module))
        {
            var name = Module(module).Name;
            rows = rows.Where(m => m.Module == name);
        }
        return [.. (await rows.ToListAsync(ct)).OrderByDescending(r => r.StartedAt).Select(r => MoveStatusMapper.ToStatus(r, Now))];
    }

    /// <summary>The module's move that is not finished (the one the CLI's steps act on).</summary>
    public async Task<Guid> OpenMoveAsync(string module, CancellationToken ct)
    {
        var name = Module(module).Name;
        var open = (await _db.Moves.AsNoTracking().Where(m => m.Module == name).ToListAsync(ct)).Where(m => MoveStates.IsOpen(m.State)).ToList();
        return open.Count > 0 ? open.OrderByDescending(m => m.StartedAt).First().Id : throw new MoveException(404, $"{name} has no move in progress.");
    }

    public async Task<DataMoveStatus> GetAsync(Guid id, CancellationToken ct) => MoveStatusMapper.ToStatus(await FindAsync(id, ct), Now);

    /// <summary>Installs capture on the module's current database, copies it to <paramref name="target"/> while writes go on, and starts the mirror.</summary>
    public async Task<DataMoveStatus> StartAsync(string module, string target, string by, IDataProgress progress, CancellationToken ct)
    {
        var database = Module(module);
        if (database.Name.Equals(MovesDbContext.Module, StringComparison.OrdinalIgnoreCase))
            throw new MoveException(422, "The moves' own table cannot be moved online; copy it with `kamhub data copy` while no move runs.");
        var to = Parse(target, "--to");
        var last = await _db.Moves.AsNoTracking().Where(m => m.Module == database.Name && m.State != MoveStates.RolledBack).ToListAsync(ct);
        var current = last.OrderByDescending(m => m.StartedAt).FirstOrDefault();
        if (current is not null && MoveStates.IsOpen(current.State))
            throw new MoveException(409, $"{database.Name} is already being moved (move {current.Id}, {current.State}); finish or roll it back first.");
        var from = Parse(current?.Target ?? database.Connection.ConnectionString, "source");

        var now = _clock.GetUtcNow().UtcDateTime;
        var row = new DataMoveRow
        {
            Id = Guid.CreateVersion7(), Module = database.Name, Source = from.ConnectionString, Target = to.ConnectionString,
            State = MoveStates.Copying, StartedAt = now, UpdatedAt = now, UpdatedBy = by,
        };
        Record(row, by, null);
        _db.Moves.Add(row);
        await _db.SaveChangesAsync(ct);

        var sourceSchema = ModuleSchema.Read(database, from);
        try
        {
            // Capture first: every write from here on is logged, so copy + catch-up misses nothing.
            await ChangeCapture.InstallAsync(from, sourceSchema, CaptureState.Open, ct);
            await using (var snapshot = await ConsistentSource.TakeAsync(from, ct))
                await _copier.CopyAsync(database.Name, snapshot.Endpoint, to, new CopyOptions(Snapshot: snapshot.Snapshot), progress, ct);
            await ChangeCapture.InstallAsync(to, ModuleSchema.Read(database, to), CaptureState.Fenced, ct);
        }
        catch (Exception ex)
        {
            await ChangeCapture.RemoveAsync(from, sourceSchema, CancellationToken.None);
            row.State = MoveStates.RolledBack;
            row.Error = DataEndpoint.FirstLine(ex.Message);
            Record(row, by, null);
            await _db.SaveChangesAsync(CancellationToken.None);
            if (ex is DataToolkitException) throw new MoveException(422, ex.Message);
            // The target unreachable mid-copy, a constraint the data breaks: rolled back, start again.
            if (ex is System.Data.Common.DbException) throw new MoveException(409, $"The copy failed and the move was rolled back: {row.Error}");
            throw;
        }

        return await AdvanceAsync(row, MoveStates.Mirroring, 0, by, null, ct);
    }

    /// <summary>The next step: reads 1 → 10 → 50 → 100 %, then the write switch, then finalize.</summary>
    public async Task<DataMoveStatus> StepAsync(Guid id, string by, CancellationToken ct)
    {
        var row = await FindAsync(id, ct);
        return row.State switch
        {
            MoveStates.Mirroring => await ReadsAsync(id, MoveStates.ReadSteps[0], by, ct),
            MoveStates.Reads when row.ReadPercent < 100 => await ReadsAsync(id, MoveStates.ReadSteps.First(p => p > row.ReadPercent), by, ct),
            MoveStates.Reads => await SwitchWritesAsync(id, by, ct),
            MoveStates.WritesSwitched => await FinalizeAsync(id, by, ct),
            _ => throw WrongStep(row, "step"),
        };
    }

    /// <summary>Sends <paramref name="percent"/> % of callers' reads (sticky per caller) to the target; 0 sends them all back.</summary>
    public async Task<DataMoveStatus> ReadsAsync(Guid id, int percent, string by, CancellationToken ct)
    {
        if (percent is < 0 or > 100) throw new MoveException(422, "percent must be between 0 and 100.");
        var row = await FindAsync(id, ct);
        if (row.State is not (MoveStates.Mirroring or MoveStates.Reads)) throw WrongStep(row, "switch reads");
        await SetReadFlagAsync(row.Module, percent, by, ct);
        return await AdvanceAsync(row, percent == 0 ? MoveStates.Mirroring : MoveStates.Reads, percent, by, null, ct);
    }

    /// <summary>The fenced write switch: the target becomes the source of truth, the old database its mirror.</summary>
    public async Task<DataMoveStatus> SwitchWritesAsync(Guid id, string by, CancellationToken ct)
    {
        var row = await FindAsync(id, ct);
        if (row.State != MoveStates.Reads || row.ReadPercent != 100) throw WrongStep(row, "switch writes (reads must be at 100 % first)");
        var sides = MoveSides.Of(Module(row.Module), row);
        var pause = await sides.SwitchAsync(sides.Source, sides.Target, _options.MirrorBatch, _clock, ct);
        row.Epoch++;
        return await AdvanceAsync(row, MoveStates.WritesSwitched, 100, by, pause, ct);
    }

    /// <summary>Ends the move on the target: capture stops there; the old database stays fenced, its data kept until an operator drops it.</summary>
    public async Task<DataMoveStatus> FinalizeAsync(Guid id, string by, CancellationToken ct)
    {
        var row = await FindAsync(id, ct);
        if (row.State != MoveStates.WritesSwitched) throw WrongStep(row, "finalize (writes must be switched first)");
        var sides = MoveSides.Of(Module(row.Module), row);
        await ChangeCapture.SetStateAsync(sides.Target.Endpoint, sides.Module.Schema, CaptureState.Fenced, ct);
        await MoveSides.DrainAsync(sides.Target, sides.Source, _options.MirrorBatch, ct);
        await ChangeCapture.RemoveAsync(sides.Target.Endpoint, sides.Target.Schema, ct);
        await SetReadFlagAsync(row.Module, 0, by, ct);
        return await AdvanceAsync(row, MoveStates.Finalized, 100, by, null, ct);
    }

    /// <summary>
    /// Back to the old database from any step before finalize. After the write switch it is a fenced switch the other
    /// way: the old database has every write through the reverse mirror, so none is lost.
    /// </summary>
    public async Task<DataMoveStatus> RollbackAsync(Guid id, string by, CancellationToken ct)
    {
        var row = await FindAsync(id, ct);
        if (!MoveStates.IsOpen(row.State)) throw WrongStep(row, "roll back");
        var sides = MoveSides.Of(Module(row.Module), row);
        TimeSpan? pause = null;
        if (row.State == MoveStates.WritesSwitched)
        {
            pause = await sides.SwitchAsync(sides.Target, sides.Source, _options.MirrorBatch, _clock, ct);
            row.Epoch++;
        }

        await SetReadFlagAsync(row.Module, 0, by, ct);
        await ChangeCapture.SetStateAsync(sides.Target.Endpoint, sides.Module.Schema, CaptureState.Fenced, ct);
        await ChangeCapture.RemoveAsync(sides.Source.Endpoint, sides.Source.Schema, ct);
        return await AdvanceAsync(row, MoveStates.RolledBack, 0, by, pause, ct);
    }

    private async Task<DataMoveStatus> AdvanceAsync(DataMoveRow row, string state, int percent, string by, TimeSpan? pause, CancellationToken ct)
    {
        row.State = state;
        row.ReadPercent = percent;
        if (pause is { } p) row.SwitchPauseMs = Math.Round(p.TotalMilliseconds, 1);
        Record(row, by, row.SwitchPauseMs is { } ms && pause is not null ? ms : null);
        row.Version++;
        try
        {
            await _db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new MoveException(409, "The move was changed by someone else meanwhile; check its status and try again.");
        }

        _routing.Reload();
        if (state is not MoveStates.RolledBack) await VerifyAsync(row, ct);
        return MoveStatusMapper.ToStatus(row, Now);
    }

    /// <summary>The continuous verifier at each step: count and content hash per table (the toolkit's verify). Differences while writes go on are expected; lag 0 and equal is the goal.</summary>
    private async Task VerifyAsync(DataMoveRow row, CancellationToken ct)
    {
        var result = await _verifier.VerifyAsync(row.Module, Parse(row.Source, "source"), Parse(row.Target, "target"), NoProgress.Instance, ct);
        var tables = result.Tables.Select(t => new MoveVerifyTable(t.Table, t.SourceRows, t.TargetRows, t.Equal)).ToList();
        await _db.Moves.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.VerifiedAt, _clock.GetUtcNow().UtcDateTime)
            .SetProperty(m => m.VerifyEqual, result.Equal)
            .SetProperty(m => m.VerifySummary, JsonSerializer.Serialize(tables, MoveStatusMapper.Json)), ct);
        row.VerifiedAt = _clock.GetUtcNow().UtcDateTime;
        row.VerifyEqual = result.Equal;
        row.VerifySummary = JsonSerializer.Serialize(tables, MoveStatusMapper.Json);
    }

    private async Task SetReadFlagAsync(string module, int percent, string by, CancellationToken ct) =>
        await _flags.SetAsync(MoveRoute.ReadFlag(module), new FlagChangeRequest(Enabled: percent > 0, Percent: percent,
            Description: "Online move: share of callers whose reads use the new database (ADR 0014)."), by, ct);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private void Record(DataMoveRow row, string by, double? pauseMs)
    {
        var history = JsonSerializer.Deserialize<List<MoveStep>>(row.History, MoveStatusMapper.Json) ?? [];
        var now = _clock.GetUtcNow().UtcDateTime;
        history.Add(new MoveStep(row.State, row.ReadPercent, now, by, pauseMs));
        row.History = JsonSerializer.Serialize(history, MoveStatusMapper.Json);
        row.UpdatedAt = now;
        row.UpdatedBy = by;
    }

    private async Task<DataMoveRow> FindAsync(Guid id, CancellationToken ct) =>
        await _db.Moves.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new MoveException(404, $"No data move {id}.");

    private ModuleDatabase Module(string name) =>
        _registry.Find(name) ?? throw new MoveException(404, $"No module '{name}'; known: {string.Join(", ", _registry.Modules.Select(m => m.Name))}.");

    private static DataEndpoint Parse(string raw, string role)
    {
        try
        {
            return DataEndpoint.Parse(raw, role);
        }
        catch (DataToolkitException ex)
        {
            throw new MoveException(422, ex.Message);
        }
    }

    private static MoveException WrongStep(DataMoveRow row, string what) =>
        new(409, $"Cannot {what}: move {row.Id} of {row.Module} is {row.State}{(row.State == MoveStates.Reads ? $" at {row.ReadPercent} %" : "")}.");
}
