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
    private static readonly Option<string?> Out = new("--out") { Description = "Directory for the archive (new or empty)" };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Go on from the target's checkpoints after an interrupted copy" };
    private static readonly Option<int> ChunkRows = new("--chunk-rows") { Description = "Rows per committed chunk (default 10,000)", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<int> MaxRowsPerSecond = new("--max-rows-per-second") { Description = "Per table, at most this many rows written per second (default: no limit)" };
    private static readonly Option<int> Parallel = new("--parallel") { Description = "Tables copied at once (default: the number of cores; 1 into SQLite)" };

    internal static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create()
    {
        var command = new Command("data", "Where module data lives; copy, verify, export and import it between databases");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Copy());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(DataMoveCommand.Create());
        return command;
    }

    private static Command Copy()
    {
        var command = new Command("copy", "Copy modules' rows into an empty database migrated to the source's version (resumable)") { Module, All, From, To, Resume, ChunkRows, Parallel, MaxRowsPerSecond };
        DataCommandHost.SetAction(command, async (services, parse, ct) =>
        {
            var module = SelectedModule(parse);
            var from = DataEndpoint.Parse(parse.GetValue(From), "--from");
            var to = DataEndpoint.Parse(parse.GetValue(To), "--to");
            var options = new CopyOptions(parse.GetValue(Resume), parse.GetValue(ChunkRows), parse.GetValue(Parallel), MaxRowsPerSecond: parse.GetValue(MaxRowsPerSecond));
            var console = new ConsoleProgress();
            var result = await console.RunAsync(p => services.GetRequiredService<DataCopier>().CopyAsync(module, from, to, options, new DataProgress(p), ct));
            console.PrintSummary("Copied", result.Elapsed);
            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Compare row counts and content hashes per table; list differing keys (exit 1 when different)") { Module, All, From, To, Json };
        DataCommandHost.SetAction(command, async (services, parse, ct) =>
        {
            var module = SelectedModule(parse);
            var from = DataEndpoint.Parse(parse.GetValue(From), "--from");
            var to = DataEndpoint.Parse(parse.GetValue(To), "--to");
            var json = parse.GetValue(Json);
            var console = new ConsoleProgress(allowLive: !json);
            var result = await console.RunAsync(p => services.GetRequiredService<DataVerifier>().VerifyAsync(module, from, to, new DataProgress(p), ct));
            if (json) Console.WriteLine(JsonSerializer.Serialize(new { equal = result.Equal, result.Tables }, JsonOutput));
            else PrintVerify(result);
            return result.Equal ? 0 : 1;
        });
        return command;
    }

    private static Command Export()
    {
        var from = new Option<string?>("--from") { Description = "Read from this database instead of the modules' configured ones" };
        var command = new Command("export", "Write modules' data to a portable archive directory (manifest.json + one gzip JSON-lines file per table)") { Module, All, Out, from };
        DataCommandHost.SetAction(command, async (services, parse, ct) =>
        {
            var module = SelectedModule(parse);
            var source = parse.GetValue(from) is { } raw ? DataEndpoint.Parse(raw, "--from") : null;
            var directory = parse.GetValue(Out) ?? throw new DataToolkitException("--out: say which directory the archive goes to.");
            var console = new ConsoleProgress();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var manifest = await console.RunAsync(p => services.GetRequiredService<DataArchiver>().ExportAsync(module, source, directory, new DataProgress(p), ct));
            console.PrintSummary("Exported", watch.Elapsed);
            Console.WriteLine($"Archive: {Path.GetFullPath(directory)} ({string.Join(", ", manifest.Modules.Select(m => $"{m.Name} at {m.Version}"))})");
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var from = new Option<string?>("--from") { Description = "The archive directory (with manifest.json)" };
        var command = new Command("import", "Load an archive into an empty database migrated to the archive's versions, then verify it against the manifest") { Module, from, To, Resume, ChunkRows, Parallel, Json };
        DataCommandHost.SetAction(command, async (services, parse, ct) =>
        {
            var directory = parse.GetValue(from) ?? throw new DataToolkitException("--from: say which archive directory to import.");
            var to = DataEndpoint.Parse(parse.GetValue(To), "--to");
            var options = new CopyOptions(parse.GetValue(Resume), parse.GetValue(ChunkRows), parse.GetValue(Parallel));
            var json = parse.GetValue(Json);
            var console = new ConsoleProgress(allowLive: !json);
            var result = await console.RunAsync(p => services.GetRequiredService<DataArchiver>().ImportAsync(directory, parse.GetValue(Module), to, options, new DataProgress(p), ct));
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { equal = result.Verify.Equal, rows = result.Copy.RowsThisRun, result.Verify.Tables }, JsonOutput));
            }
            else
            {
                console.PrintSummary("Imported", result.Copy.Elapsed);
                Console.WriteLine("Verified against the manifest:");
                PrintVerify(result.Verify);
            }

            return result.Verify.Equal ? 0 : 1;
        });
        return command;
    }

    internal static void PrintVerify(VerifyResult result)
    {
        foreach (var t in result.Tables)
        {
            var state = t.Equal ? "equal" : $"DIFFERENT ({t.Missing} missing, {t.Extra} extra, {t.Different} different)";
            Console.WriteLine($"  {t.Module + "." + t.Table,-40} {t.SourceRows,12:N0} {t.TargetRows,12:N0}  {t.SourceHash[..12]} {t.TargetHash[..12]}  {state}");
            foreach (var d in t.Differences) Console.WriteLine($"      {d.Kind.ToString().ToLowerInvariant(),-9} {d.Key}");
        }

        var differing = result.Tables.Count(t => !t.Equal);
        Console.WriteLine(differing == 0
            ? $"All {result.Tables.Count} table(s) equal."
            : $"{differing} of {result.Tables.Count} table(s) differ.");
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
