using System.CommandLine;
using System.Text.Json;
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

    internal static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("data", "Where module data lives; copy, verify, export and import it between databases");
        command.Subcommands.Add(Status());
        return command;
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
