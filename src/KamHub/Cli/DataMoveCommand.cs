using System.CommandLine;
using System.Text.Json;
using KamHub.Core.DataToolkit;
using KamHub.Core.DataToolkit.Moves;

namespace KamHub.Cli;

/// <summary>
/// <c>kamhub data move start|status|step|reads|switch-writes|finalize|rollback</c>: the online move (ADR 0014), the
/// same steps as <c>/api/admin/data/moves</c>. Steps act on the module's move in progress. Exit 0 done, 2 refused.
/// </summary>
internal static class DataMoveCommand
{
    private static readonly Option<string?> Module = new("--module") { Description = "The module to move (Booking, Notifications, ...)", Required = true };
    private static readonly Option<string?> OptionalModule = new("--module") { Description = "Only this module's moves" };
    private static readonly Option<string?> To = new("--to") { Description = "Target connection string (Data Source=FILE or Host=...;Database=...)", Required = true };
    private static readonly Option<int> Percent = new("--percent") { Description = "Share of callers whose reads use the new database (0-100)", Required = true };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON" };
    private const string By = "kamhub data move (CLI)";

    public static Command Create()
    {
        var command = new Command("move", "Move one module to another database while the servers keep serving: copy, mirror, switch reads, switch writes, finalize or roll back");
        command.Subcommands.Add(Action("start", "Install change capture, copy the module to --to while writes go on, start mirroring", [Module, To, Json],
            (moves, parse, ct) => moves.StartAsync(parse.GetValue(Module)!, parse.GetValue(To)!, By, NoProgress.Instance, ct)));
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Step("step", "The next step: reads 1 → 10 → 50 → 100 %, then the write switch, then finalize", (m, id, _, ct) => m.StepAsync(id, By, ct)));
        command.Subcommands.Add(Step("reads", "Set the read share (sticky per user) to --percent", (m, id, p, ct) => m.ReadsAsync(id, p.GetValue(Percent), By, ct), Percent));
        command.Subcommands.Add(Step("switch-writes", "Fenced write switch: the new database becomes the source of truth, the old one its mirror", (m, id, _, ct) => m.SwitchWritesAsync(id, By, ct)));
        command.Subcommands.Add(Step("finalize", "End the move on the new database (the old one stays fenced, its data kept)", (m, id, _, ct) => m.FinalizeAsync(id, By, ct)));
        command.Subcommands.Add(Step("rollback", "Back to the old database from any step before finalize, without losing a write", (m, id, _, ct) => m.RollbackAsync(id, By, ct)));
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "Moves with their step, mirror lag, last verify and switch pause") { OptionalModule, Json };
        DataCommandHost.SetAction(command, (services, parse, ct) => WithMoves(services, async moves =>
        {
            var list = await moves.ListAsync(parse.GetValue(OptionalModule), ct);
            if (parse.GetValue(Json)) Console.WriteLine(JsonSerializer.Serialize(list, DataCommand.JsonOutput));
            else if (list.Count == 0) Console.WriteLine("No data moves.");
            else foreach (var move in list) Print(move);
            return 0;
        }));
        return command;
    }

    private static Command Step(string name, string description, Func<DataMoves, Guid, ParseResult, CancellationToken, Task<DataMoveStatus>> step, params Option[] extra) =>
        Action(name, description, [Module, Json, .. extra], async (moves, parse, ct) => await step(moves, await moves.OpenMoveAsync(parse.GetValue(Module)!, ct), parse, ct));

    private static Command Action(string name, string description, Option[] options, Func<DataMoves, ParseResult, CancellationToken, Task<DataMoveStatus>> run)
    {
        var command = new Command(name, description);
        foreach (var option in options) command.Options.Add(option);
        DataCommandHost.SetAction(command, (services, parse, ct) => WithMoves(services, async moves =>
        {
            var move = await run(moves, parse, ct);
            if (parse.GetValue(Json)) Console.WriteLine(JsonSerializer.Serialize(move, DataCommand.JsonOutput));
            else Print(move);
            return 0;
        }));
        return command;
    }

    private static async Task<int> WithMoves(IServiceProvider services, Func<DataMoves, Task<int>> run)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await run(scope.ServiceProvider.GetRequiredService<DataMoves>());
        }
        catch (MoveException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    private static void Print(DataMoveStatus move)
    {
        var percent = move.State == MoveStates.Reads ? $" {move.ReadPercent} %" : "";
        Console.WriteLine($"{move.Module} move {move.Id}: {move.State}{percent} (epoch {move.Epoch}) → {move.Target}");
        Console.WriteLine($"  lag: {move.Lag.Changes} changes{(move.Lag.Seconds is { } s ? $", oldest {s:0.0} s" : "")}; caught up at {move.Lag.CaughtUpAt?.ToString("O") ?? "-"}");
        if (move.ShadowReads.Reads > 0)
            Console.WriteLine($"  shadow reads: {move.ShadowReads.Reads} reads, {move.ShadowReads.Rows} rows compared, {move.ShadowReads.Mismatches} mismatches{(move.ShadowReads.LastMismatch is { } last ? $" (last: {last})" : "")}");
        if (move.SwitchPauseMs is { } pause) Console.WriteLine($"  last write switch: writes paused {pause:0.0} ms");
        if (move.Verify is { } verify)
            Console.WriteLine($"  verify {verify.At:O}: {(verify.Equal ? "equal" : "different")} ({string.Join(", ", verify.Tables.Select(t => $"{t.Table} {t.SourceRows}/{t.TargetRows}{(t.Equal ? "" : " ≠")}"))})");
        if (move.Error is not null) Console.WriteLine($"  error: {move.Error}");
        if (move.Next is not null) Console.WriteLine($"  next: {move.Next}");
    }
}
