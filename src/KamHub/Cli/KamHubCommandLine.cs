using System.CommandLine;

namespace KamHub.Cli;

/// <summary><c>kamhub [serve] | migrate status|up|down|validate | seed --tours N | events ... | flags ...</c>.</summary>
internal static class KamHubCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("KamHub: a booking marketplace platform. Without a command, serves the API.");
        var serve = ServeCommand.Create();
        root.TreatUnmatchedTokensAsErrors = false;
        foreach (var option in serve.Options) root.Options.Add(option);
        root.Action = serve.Action;
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(EventsCommand.Create());
        root.Subcommands.Add(FlagsCommand.Create());
        return root;
    }
}
