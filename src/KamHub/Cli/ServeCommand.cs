using System.CommandLine;

namespace KamHub.Cli;

internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = "Addresses to listen on (default http://localhost:5080)" };
    private static readonly Option<bool> NoSeed = new("--no-seed") { Description = "Do not create demo data" };

    public static Command Create()
    {
        var command = new Command("serve", "Run the HTTP API (the default command)") { Urls, CommonOptions.DataDir, NoSeed };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            ListenAddresses.Check(parse.GetValue(Urls));
            var args = CommonOptions.ToConfigurationArgs(parse,
                ("urls", parse.GetValue(Urls)),
                ("KamHub:Seed:Enabled", parse.GetValue(NoSeed) ? "false" : null));
            await using var app = KamHubApp.Build(args);
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
