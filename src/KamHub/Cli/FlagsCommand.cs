using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KamHub.Core.Features;
using KamHub.Core.Features.Admin;

namespace KamHub.Cli;

/// <summary>
/// <c>kamhub flags list|set|delete|history</c>: the admin API's flag operations, straight against the database.
/// Running servers see a change within <c>KamHub:Flags:RefreshInterval</c>.
/// </summary>
internal static class FlagsCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "Flag name: <module>.<feature>, e.g. booking.instant-confirm" };
    private static readonly Option<string?> Module = new("--module") { Description = "Only this module's flags" };
    private static readonly Option<bool> On = new("--on") { Description = "Switch the flag on (a new flag is on by default)" };
    private static readonly Option<bool> Off = new("--off") { Description = "Switch the flag off for everyone (its rollout is kept for later)" };
    private static readonly Option<double?> Percent = new("--percent") { Description = "Sticky share of callers that get it, 0-100 (two decimals)" };
    private static readonly Option<string?> Description = new("--description") { Description = "What the flag is for ('' clears it)" };
    private static readonly Option<string[]> Users = new("--user") { Description = "Targeted user id (repeat; replaces the list; '' clears it)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> Roles = new("--role") { Description = "Targeted role, e.g. Operator (repeat; replaces the list; '' clears it)" };
    private static readonly Option<string[]> Groups = new("--group") { Description = "Targeted group NAME or NAME:PERCENT, e.g. operator:<id>:50 (repeat; replaces the list; '' clears it)" };
    private static readonly Option<string[]> ExcludeUsers = new("--exclude-user") { Description = "User id that never gets it (repeat; replaces the list; '' clears it)" };
    private static readonly Option<string[]> ExcludeGroups = new("--exclude-group") { Description = "Group that never gets it (repeat; replaces the list; '' clears it)" };
    private static readonly Option<int> Limit = new("--limit") { Description = "History entries per page (1-500)", DefaultValueFactory = _ => 50 };
    private static readonly Option<string?> Cursor = new("--cursor") { Description = "Older history: the cursor the previous page printed" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table" };

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("flags", "Feature flags: list, create or change, delete, history");
        command.Subcommands.Add(Sub("list", "Every flag (or one module's) with its switch, percentage and audience", [Module, Json], async (flags, parse, ct) =>
        {
            var all = await flags.ListAsync(parse.GetValue(Module), ct);
            if (parse.GetValue(Json)) return Print(all);
            Console.WriteLine($"{"Name",-40} {"On",-4} {"Percent",8} {"Ver",4} {"Updated (UTC)",-20} Audience");
            foreach (var f in all)
                Console.WriteLine($"{f.Name,-40} {(f.Enabled ? "on" : "off"),-4} {f.Percent.ToString("0.##", CultureInfo.InvariantCulture),8} {f.Version,4} {f.UpdatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {Audience(f)}");
            Console.WriteLine($"{all.Count} flag(s).");
            return 0;
        }));
        command.Subcommands.Add(Sub("set", "Create or change a flag (options not given keep their values)",
            [Name, On, Off, Percent, Description, Users, Roles, Groups, ExcludeUsers, ExcludeGroups, Json], async (flags, parse, ct) =>
        {
            if (parse.GetValue(On) && parse.GetValue(Off)) throw new FlagValidationException(new Dictionary<string, string[]> { ["enabled"] = ["give --on or --off, not both."] });
            var request = new FlagChangeRequest(
                parse.GetValue(On) ? true : parse.GetValue(Off) ? false : null,
                parse.GetValue(Percent),
                parse.GetValue(Description),
                List(parse, Users), List(parse, Roles), GroupList(parse), List(parse, ExcludeUsers), List(parse, ExcludeGroups));
            var result = await flags.SetAsync(parse.GetValue(Name)!, request, ChangedBy(), ct);
            if (parse.GetValue(Json)) return Print(result.Flag);
            var f = result.Flag;
            var what = result.Created ? "Created" : result.Changed ? "Changed" : "Unchanged";
            Console.WriteLine($"{what} {f.Name}: {(f.Enabled ? "on" : "off")}, {f.Percent.ToString("0.##", CultureInfo.InvariantCulture)} %, version {f.Version}{(Audience(f) is { Length: > 0 } a ? ", " + a : "")}.");
            return 0;
        }));
        command.Subcommands.Add(Sub("delete", "Delete a flag (off for everyone; its history stays)", [Name], async (flags, parse, ct) =>
        {
            var name = parse.GetValue(Name)!;
            if (await flags.DeleteAsync(name, ChangedBy(), ct))
            {
                Console.WriteLine($"Deleted {name}.");
                return 0;
            }

            await Console.Error.WriteLineAsync($"No flag '{name}'.");
            return 1;
        }));
        command.Subcommands.Add(Sub("history", "Every change of a flag, newest first: who, when, old and new", [Name, Limit, Cursor, Json], async (flags, parse, ct) =>
        {
            var name = parse.GetValue(Name)!;
            var page = await flags.HistoryAsync(name, parse.GetValue(Cursor), parse.GetValue(Limit), ct);
            if (page is null)
            {
                await Console.Error.WriteLineAsync($"No flag '{name}' and no history of one.");
                return 1;
            }

            if (parse.GetValue(Json)) return Print(page);
            foreach (var e in page.Items)
                Console.WriteLine($"{e.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} {e.Change,-8} by {e.ChangedBy}: {Describe(e.Old)} -> {Describe(e.New)}");
            Console.WriteLine(page.NextCursor is null ? $"{page.Items.Count} change(s)." : $"{page.Items.Count} change(s); older with --cursor {page.NextCursor}");
            return 0;
        }));
        return command;
    }

    private static Command Sub(string name, string description, Symbol[] symbols, Func<FlagAdmin, ParseResult, CancellationToken, Task<int>> run) =>
        AdminSubcommand.Create(name, description, symbols, run, ex => ex is FlagValidationException bad
            ? bad.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")
            : null);

    /// <summary>Not given: keep the list. Given once as '': clear it.</summary>
    private static List<string>? List(ParseResult parse, Option<string[]> option)
    {
        if (parse.GetResult(option) is null) return null;
        return [.. (parse.GetValue(option) ?? []).Where(v => v.Length > 0)];
    }

    /// <summary>NAME or NAME:PERCENT (the last colon-separated part, when it is a number, is the percentage).</summary>
    private static List<FlagGroup>? GroupList(ParseResult parse) => List(parse, Groups)?.Select(text =>
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && double.TryParse(text[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? new FlagGroup(text[..colon], percent)
            : new FlagGroup(text, 100);
    }).ToList();

    private static string ChangedBy() => $"cli:{Environment.UserName}@{Environment.MachineName}";

    private static string Audience(FeatureFlag f) => Audience(f.State);

    private static string Audience(FlagState f)
    {
        var parts = new List<string>();
        if (f.Users.Count > 0) parts.Add($"users {string.Join(',', f.Users)}");
        if (f.Roles.Count > 0) parts.Add($"roles {string.Join(',', f.Roles)}");
        if (f.Groups.Count > 0) parts.Add($"groups {string.Join(',', f.Groups.Select(g => $"{g.Name}:{g.Percent.ToString("0.##", CultureInfo.InvariantCulture)}"))}");
        if (f.ExcludedUsers.Count + f.ExcludedGroups.Count > 0) parts.Add($"excluded {string.Join(',', f.ExcludedUsers.Concat(f.ExcludedGroups))}");
        return string.Join("; ", parts);
    }

    private static string Describe(FlagState? s) =>
        s is null ? "(none)" : $"{(s.Enabled ? "on" : "off")} {s.Percent.ToString("0.##", CultureInfo.InvariantCulture)} %{(Audience(s) is { Length: > 0 } a ? " (" + a + ")" : "")}";

    private static int Print<T>(T value)
    {
        Console.WriteLine(JsonSerializer.Serialize(value, JsonOutput));
        return 0;
    }
}
