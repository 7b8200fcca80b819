using System.CommandLine;

namespace KamHub.Cli;

/// <summary>
/// A subcommand that runs one admin service against the databases, as the admin API would: the app is built without
/// event delivery (the servers' job), logs go to stderr so --json output stays parseable, and the databases must be
/// migrated. An exception <paramref name="problem"/> recognises is the user's mistake: its lines on stderr, exit 2.
/// </summary>
internal static class AdminSubcommand
{
    public static Command Create<TService>(string name, string description, Symbol[] symbols,
        Func<TService, ParseResult, CancellationToken, Task<int>> run, Func<Exception, IEnumerable<string>?> problem)
        where TService : notnull
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Option option) command.Options.Add(option);
            else if (symbol is Argument argument) command.Arguments.Add(argument);
        }

        command.Options.Add(CommonOptions.DataDir);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await using var app = KamHubApp.Build(CommonOptions.ToConfigurationArgs(parse,
                ("KamHub:Events:DispatcherEnabled", "false"), ("Logging:Console:LogToStandardErrorThreshold", "Trace")));
            await MigratedDatabases.EnsureAsync(app.Services, ct);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                return await run(scope.ServiceProvider.GetRequiredService<TService>(), parse, ct);
            }
            catch (Exception ex) when (problem(ex) is { } lines)
            {
                foreach (var line in lines) await Console.Error.WriteLineAsync(line);
                return CliRunner.UsageError;
            }
        });
        return command;
    }
}
