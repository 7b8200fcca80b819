using System.CommandLine;
using System.Diagnostics;
using KamHub.Cli.Progress;
using KamHub.Core.Migrations;
using KamHub.Core.Seeding;

namespace KamHub.Cli;

internal static class SeedCommand
{
    private static readonly Option<int> Tours = new("--tours") { Description = "Number of extra published tours to generate" };

    public static Command Create()
    {
        var command = new Command("seed", "Bulk demo data for benchmarks (migrates and seeds the demo data first)") { Tours, CommonOptions.DataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(Tours);
            if (count <= 0)
            {
                await Console.Error.WriteLineAsync("Say how many: seed --tours N (N > 0).");
                return 2;
            }

            await using var app = KamHubApp.Build(CommonOptions.ToConfigurationArgs(parse));
            await app.Services.GetRequiredService<ModuleMigrator>().UpAsync(null, null, ct);
            // Bulk tours belong to operators: make sure the (idempotent) demo data exists first.
            var demo = new SeedContext();
            foreach (var demoSeeder in app.Services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
                await demoSeeder.SeedAsync(demo, ct);
            foreach (var line in demo.Banner) Console.WriteLine(line);

            var seeder = app.Services.GetServices<IBulkSeeder>().Single(s => s.Kind == "tours");
            var watch = Stopwatch.StartNew();
            var progress = new ConsoleProgress("tours");
            var created = await progress.RunAsync(async bar =>
            {
                bar.Start("tours", count, 0);
                // Synchronous reports: Progress<T> would post them to the thread pool and could draw after Finish.
                var done = await seeder.SeedAsync(count, ct, new SynchronousProgress<int>(n => bar.Advance("tours", n, n)));
                bar.Finish("tours", done);
                return done;
            });
            Console.WriteLine($"Seeded {created} tours in {watch.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }
}
