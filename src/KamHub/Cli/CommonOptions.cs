using System.CommandLine;

namespace KamHub.Cli;

/// <summary>Options shared by every command, translated into ordinary .NET configuration keys.</summary>
internal static class CommonOptions
{
    /// <summary>Shows the stack trace of a failure (on every command).</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Show the stack trace when a command fails", Recursive = true };

    public static readonly Option<string?> DataDir = new("--data-dir") { Description = "Directory of the embedded database, keys and local state (default ./data)" };

    /// <summary>Unrecognised tokens (e.g. --KamHub:Cache:Enabled=false) go to the configuration as command-line settings.</summary>
    public static string[] ToConfigurationArgs(ParseResult parse, params (string Key, string? Value)[] settings)
    {
        var args = new List<string>();
        if (parse.GetValue(DataDir) is { } dir) args.Add($"--KamHub:DataDir={dir}");
        args.AddRange(settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}"));
        args.AddRange(parse.UnmatchedTokens);
        return [.. args];
    }
}
