using System.CommandLine;
using KamHub.Core.DataToolkit;

namespace KamHub.Cli;

/// <summary>Builds the app for a data command (no dispatcher, quiet logs on stderr) and turns its failures into exit code 2 with one line.</summary>
internal static class DataCommandHost
{
    public static void SetAction(Command command, Func<IServiceProvider, ParseResult, CancellationToken, Task<int>> run)
    {
        command.Options.Add(CommonOptions.DataDir);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                // Output may be JSON for scripts: logs go to stderr and only when they matter.
                await using var app = KamHubApp.Build(CommonOptions.ToConfigurationArgs(parse,
                    ("KamHub:Events:DispatcherEnabled", "false"),
                    ("Logging:LogLevel:Default", "Error"),
                    // appsettings raise EF Core to Warning; its query warnings are no news to an operator reading one line.
                    ("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error"),
                    ("Logging:Console:LogToStandardErrorThreshold", "Trace")));
                return await run(app.Services, parse, ct);
            }
            catch (DataToolkitException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("Cancelled. A copy keeps its committed chunks: run it again with --resume to go on.");
                return 2;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Anything else the databases or the file system answer: still one line, still "could not run".
                await Console.Error.WriteLineAsync($"data {command.Name}: {ex.Message.Split('\n', 2)[0].Trim()}");
                return 2;
            }
        });
    }
}
