using System.CommandLine;
using System.Text.Json;
using KamHub.Cli.Progress;
using KamHub.Core.DataToolkit;

namespace KamHub.Cli;

/// <summary>
/// <c>kamhub data status|copy|verify|export|import</c>: the data toolkit (ADR 0012). Exit codes: 0 done (and equal),
/// 1 verified different, 2 could not run (one line on stderr naming the problem).
/// </summary>
internal static class DataCommand
{
    private static readonly Option<string?> Module = new("--module") { Description = "Only this module" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table" };
    private static readonly Option<bool> All = new("--all") { Description = "Every module" };
    private static readonly Option<string?> From = new("--from") { Description = "Source connection string (Data Source=FILE or Host=...;Database=...)" };
    private static readonly Option<string?> To = new("--to") { Description = "Target connection string" };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Go on from the target's checkpoints after an interrupted copy" };
    private static readonly Option<int> ChunkRows = new("--chunk-rows") { Description = "Rows per committed chunk (default 10,000)", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<int> Parallel = new("--parallel") { Description = "Tables copied at once (default: the number of cores; 1 into SQLite)" };

    internal static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("data", "Where module data lives; copy, verify, export and import it between databases");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Copy());
        return command;
    }

    private static Command Copy()
    {
        var command = new Command("copy", "Copy modules' rows into an empty database migrated to the source's version (resumable)") { Module, All, From, To, Resume, ChunkRows, Parallel };
        DataCommandHost.SetAction(command, async (services, parse, ct) =>
        {
            var module = SelectedModule(parse);
            var from = DataEndpoint.Parse(parse.GetValue(From), "--from");
            var to = DataEndpoint.Parse(parse.GetValue(To), "--to");
            var options = new CopyOptions(parse.GetValue(Resume), parse.GetValue(ChunkRows), parse.GetValue(Parallel));
            var console = new ConsoleProgress();
            var result = await console.RunAsync(p => services.GetRequiredService<DataCopier>().CopyAsync(module, from, to, options, new DataProgress(p), ct));
            console.PrintSummary("Copied", result.Elapsed);
            return 0;
        });
        return command;
    }

    /// <summary>--module M or --all, exactly one.</summary>
    internal static string? SelectedModule(ParseResult parse)
    {
        var module = parse.GetValue(Module);
        var all = parse.GetValue(All);
        if (all == (module is not null)) throw new DataToolkitException("Say which data: --module NAME or --all.");
        return module;
    }

    private static Command Status()
    {
        var command = new Command("status", "Per module: provider, database, schema or prefix, migration version, tables with row counts") { Module, Json };
        DataCommandHost.SetAction(command, async (services, parse, ct) =>
        {
            var statuses = await services.GetRequiredService<DataStatus>().ReadAsync(parse.GetValue(Module), ct);
            if (parse.GetValue(Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(statuses, JsonOutput));
                return 0;
            }

            foreach (var s in statuses)
            {
                Console.WriteLine($"{s.Module}: {s.Database} ({(s.Provider == "Sqlite" ? "prefix" : "schema")} {s.SchemaOrPrefix}), version {s.Version ?? "none (not migrated)"}");
                foreach (var t in s.Tables) Console.WriteLine($"  {t.Name,-28} {t.Rows,12:N0}");
                foreach (var c in s.CopyInProgress)
                    Console.WriteLine($"  copy in progress: {c.Table} {c.Rows:N0} rows in {c.Chunks} chunk(s){(c.Done ? ", done" : "")}");
            }

            return 0;
        });
        return command;
    }
}
