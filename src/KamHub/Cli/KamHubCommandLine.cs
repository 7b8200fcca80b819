using System.CommandLine;

namespace KamHub.Cli;

/// <summary><c>kamhub [serve] | migrate | seed | events | users | payments | data | flags</c>: one subcommand per concern.</summary>
internal static class KamHubCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("KamHub: a booking marketplace platform. Without a command, serves the API.");
        var serve = ServeCommand.Create();
        root.TreatUnmatchedTokensAsErrors = false;
        foreach (var option in serve.Options) root.Options.Add(option);
        root.Action = serve.Action;
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(EventsCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(PaymentsCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(FlagsCommand.Create());
        return root;
    }
}
