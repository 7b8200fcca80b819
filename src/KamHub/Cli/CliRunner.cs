using System.CommandLine;
using System.CommandLine.Parsing;

namespace KamHub.Cli;

/// <summary>
/// Checks the arguments before any command runs (so a typo never migrates, seeds or serves), and turns every failure
/// into one line on stderr with exit code 2; <c>--verbose</c> adds the stack trace.
/// </summary>
internal static class CliRunner
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = KamHubCommandLine.Create();
        var parse = root.Parse(args);
        var verbose = parse.GetValue(CommonOptions.Verbose);

        var problem = ArgumentProblem(parse);
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync($"kamhub: {problem}");
            await ShowUsageAsync(root, parse);
            return UsageError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("kamhub: cancelled.");
            return UsageError;
        }
        catch (Exception ex)
        {
            var line = ex is CliException ? ex.Message : $"{OneLine(ex)} (run with --verbose for the stack trace)";
            await Console.Error.WriteLineAsync($"kamhub: {line}");
            if (verbose) await Console.Error.WriteLineAsync(ex.ToString());
            return UsageError;
        }
    }

    private static string? ArgumentProblem(ParseResult parse)
    {
        var where = CommandPath(parse) is { Length: > 0 } path ? $" for 'kamhub {path}'" : "";
        if (ConfigurationTokens.FirstUnknown(parse.UnmatchedTokens) is { } unknown)
            return unknown.StartsWith('-') ? $"unknown option '{unknown}'{where}." : $"unknown command '{unknown}'{where}.";
        if (parse.Errors.Count > 0)
            return $"{parse.Errors[0].Message.TrimEnd('.')}{where}.";
        return null;
    }

    private static async Task ShowUsageAsync(RootCommand root, ParseResult parse)
    {
        string[] help = [.. CommandPath(parse).Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];
        await root.Parse(help).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>The message of the exception and its causes, on one line.</summary>
    private static string OneLine(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            if (!parts.Contains(e.Message)) parts.Add(e.Message.ReplaceLineEndings(" ").Trim());
        return string.Join(": ", parts);
    }
}
