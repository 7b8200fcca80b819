using System.CommandLine;
using KamHub.Core.Migrations;

namespace KamHub.Cli;

internal static class MigrateCommand
{
    private static readonly Option<string?> Module = new("--module") { Description = "Only this module (default: all)" };
    private static readonly Option<string?> To = new("--to") { Description = "Target version: full id, timestamp or name; '0' reverts everything" };

    public static Command Create()
    {
        var command = new Command("migrate", "Inspect and apply database migrations");
        command.Subcommands.Add(Sub("status", "Applied and pending migrations per module", async (m, module, _, ct) =>
        {
            Print(await m.StatusAsync(module, ct));
            return 0;
        }));
        command.Subcommands.Add(Sub("up", "Apply pending migrations (up to --to)", async (m, module, to, ct) =>
        {
            await m.UpAsync(module, to, ct);
            Print(await m.StatusAsync(module, ct));
            return 0;
        }));
        command.Subcommands.Add(Sub("down", "Roll back the latest migration (or down to --to)", async (m, module, to, ct) =>
        {
            await m.DownAsync(module, to, ct);
            Print(await m.StatusAsync(module, ct));
            return 0;
        }));
        command.Subcommands.Add(Sub("validate", "Fail when an applied migration was changed after it ran", async (m, module, _, ct) =>
        {
            var problems = await m.ValidateAsync(module, ct);
            foreach (var (name, problem) in problems)
                Console.WriteLine($"{name}: {problem.Id} is {problem.State.ToString().ToLowerInvariant()} (recorded {problem.RecordedChecksum ?? "-"}, now {problem.CurrentChecksum ?? "-"})");
            Console.WriteLine(problems.Count == 0 ? "All applied migrations match their checksums." : $"{problems.Count} problem(s) found.");
            return problems.Count == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Sub(string name, string description, Func<ModuleMigrator, string?, string?, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description) { Module, To, CommonOptions.DataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await using var app = KamHubApp.Build(CommonOptions.ToConfigurationArgs(parse));
            try
            {
                return await run(app.Services.GetRequiredService<ModuleMigrator>(), parse.GetValue(Module), parse.GetValue(To), ct);
            }
            catch (MigrationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
        });
        return command;
    }

    private static void Print(IReadOnlyList<ModuleMigrationStatus> statuses)
    {
        foreach (var status in statuses)
        {
            Console.WriteLine($"{status.Module} ({status.Provider})");
            Console.WriteLine($"  {"Version",-40} {"State",-8} Checksum");
            foreach (var m in status.Migrations)
                Console.WriteLine($"  {m.Id,-40} {m.State.ToString().ToLowerInvariant(),-8} {(m.RecordedChecksum ?? m.CurrentChecksum ?? "-")[..Math.Min(12, (m.RecordedChecksum ?? m.CurrentChecksum ?? "-").Length)]}");
            if (status.Migrations.Count == 0) Console.WriteLine("  (no migrations)");
        }
    }
}
