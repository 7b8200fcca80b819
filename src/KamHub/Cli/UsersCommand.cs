using System.CommandLine;
using KamHub.Identity;

namespace KamHub.Cli;

/// <summary><c>kamhub users reset-password EMAIL</c>: the way back from a lost generated password.</summary>
internal static class UsersCommand
{
    public const string PasswordVariable = "KAMHUB_NEW_PASSWORD";

    private static readonly Argument<string> Email = new("email") { Description = "The account's email" };

    public static Command Create()
    {
        var reset = new Command("reset-password",
            $"Set a new password (from ${PasswordVariable}, else generated and printed once) and sign the account out everywhere")
        {
            Email, CommonOptions.DataDir,
        };
        reset.TreatUnmatchedTokensAsErrors = false;
        reset.SetAction(async (parse, ct) =>
        {
            var chosen = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } p ? p : null;
            await using var app = KamHubApp.Build(CommonOptions.ToConfigurationArgs(parse, ("KamHub:Events:DispatcherEnabled", "false")));
            await MigratedDatabases.EnsureAsync(app.Services, ct);
            try
            {
                var (email, generated) = await IdentityModule.ResetPasswordAsync(app.Services, parse.GetValue(Email)!, chosen, ct);
                Console.WriteLine(generated is null
                    ? $"Password of {email} set from ${PasswordVariable}; its sessions are signed out."
                    : $"New password of {email}: {generated} (shown only this once; its sessions are signed out).");
                return 0;
            }
            catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
            {
                throw new CliException(ex is ArgumentException ? $"${PasswordVariable}: {ex.Message.Split(" (Parameter", 2)[0]}" : ex.Message);
            }
        });

        var command = new Command("users", "Accounts: reset a lost password");
        command.Subcommands.Add(reset);
        return command;
    }
}
