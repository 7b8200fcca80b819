using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KamHub.Core.Events;

namespace KamHub.Cli;

/// <summary><c>kamhub events list|subscriptions|replay|dead-letters|retry|discard</c>: the admin API's operations, straight against the databases.</summary>
internal static class EventsCommand
{
    private static readonly Option<string?> Types = new("--types") { Description = "Type pattern: tour.published, tour.* or *" };
    private static readonly Option<string?> Aggregate = new("--aggregate") { Description = "Only this aggregate id" };
    private static readonly Option<string?> Correlation = new("--correlation") { Description = "Only this correlation id" };
    private static readonly Option<string?> From = new("--from") { Description = "Occurred at or after (ISO 8601, UTC if no offset)" };
    private static readonly Option<string?> To = new("--to") { Description = "Occurred before (ISO 8601)" };
    private static readonly Option<long?> FromPosition = new("--from-position") { Description = "Replay from this outbox position (inclusive; needs --module when several modules publish)" };
    private static readonly Option<long?> ToPosition = new("--to-position") { Description = "Replay up to this outbox position (inclusive)" };
    private static readonly Option<string?> Module = new("--module") { Description = "Only this module's outbox" };
    private static readonly Option<string?> Cursor = new("--cursor") { Description = "Next page: the cursor the previous page printed" };
    private static readonly Option<int> Limit = new("--limit") { Description = "Rows per page (1-500)", DefaultValueFactory = _ => 50 };
    private static readonly Option<string?> Subscriber = new("--subscriber") { Description = "Only this subscriber's dead letters" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table" };
    private static readonly Argument<string> SubscriberName = new("subscriber") { Description = "The subscriber to replay to" };
    private static readonly Argument<string> DeadLetterId = new("id") { Description = "Dead letter id, e.g. discovery-42" };

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("events", "Event history, subscriptions, replay and dead letters");
        command.Subcommands.Add(Sub("list", "Event history, newest first", [Types, Aggregate, Correlation, From, To, Module, Cursor, Limit, Json], async (bus, parse, ct) =>
        {
            var page = await bus.ListEventsAsync(new EventQuery(parse.GetValue(Types), parse.GetValue(Aggregate), parse.GetValue(Correlation),
                Time(parse.GetValue(From), "--from"), Time(parse.GetValue(To), "--to"), parse.GetValue(Module), parse.GetValue(Cursor), parse.GetValue(Limit)), ct);
            if (parse.GetValue(Json)) return Print(page);
            Console.WriteLine($"{"Module",-12} {"Pos",8} {"Occurred (UTC)",-24} {"Type",-24} {"Aggregate",-38} Correlation");
            foreach (var e in page.Items)
                Console.WriteLine($"{e.Module,-12} {e.Position,8} {e.OccurredAt.UtcDateTime,-24:yyyy-MM-dd HH:mm:ss.fff} {e.Type,-24} {e.AggregateId,-38} {e.CorrelationId}");
            Console.WriteLine(page.NextCursor is null ? $"{page.Items.Count} event(s)." : $"{page.Items.Count} event(s); more with --cursor {page.NextCursor}");
            return 0;
        }));
        command.Subcommands.Add(Sub("subscriptions", "Every subscriber: pattern, position, lag, parked aggregates, dead letters", [Json], async (bus, parse, ct) =>
        {
            var all = await bus.SubscriptionsAsync(ct);
            if (parse.GetValue(Json)) return Print(all);
            Console.WriteLine($"{"Subscriber",-32} {"Pattern",-20} {"Module",-12} {"Lag",6} {"Lag s",8} {"Parked",6} {"Dead",5} Positions");
            foreach (var s in all)
                Console.WriteLine($"{s.Name,-32} {s.Pattern,-20} {s.Module,-12} {s.LagEvents,6} {s.LagSeconds,8:F1} {s.ParkedAggregateCount,6} {s.DeadLetters,5} {string.Join(' ', s.Positions.Select(p => $"{p.Key}={p.Value}"))}");
            return 0;
        }));
        command.Subcommands.Add(Sub("replay", "Re-deliver a range of history to one subscriber", [SubscriberName, From, To, FromPosition, ToPosition, Types, Module], async (bus, parse, ct) =>
        {
            var result = await bus.ReplayAsync(parse.GetValue(SubscriberName)!, new ReplayRequest(Time(parse.GetValue(From), "--from"), Time(parse.GetValue(To), "--to"),
                parse.GetValue(FromPosition), parse.GetValue(ToPosition), parse.GetValue(Types), parse.GetValue(Module)), ct);
            Console.WriteLine($"Queued {result.Deliveries} deliveries to {result.Subscriber} (replay {result.ReplayId}); a running server delivers them.");
            return 0;
        }));
        command.Subcommands.Add(Sub("dead-letters", "Deliveries that ran out of attempts", [Subscriber, Limit, Json], async (bus, parse, ct) =>
        {
            var letters = await bus.DeadLettersAsync(parse.GetValue(Subscriber), parse.GetValue(Limit), ct);
            if (parse.GetValue(Json)) return Print(letters);
            foreach (var d in letters)
            {
                Console.WriteLine($"{d.Id,-20} {d.Subscriber,-28} {d.EventType,-24} aggregate {d.AggregateId} attempts {d.Attempts} dead since {d.DeadSince:u}");
                Console.WriteLine($"    {FirstLine(d.LastError)}");
            }

            Console.WriteLine($"{letters.Count} dead letter(s).");
            return 0;
        }));
        command.Subcommands.Add(Sub("retry", "Send a dead letter again with fresh attempts", [DeadLetterId], async (bus, parse, ct) =>
            await Report(await bus.RetryAsync(parse.GetValue(DeadLetterId)!, ct), parse.GetValue(DeadLetterId)!, "queued again")));
        command.Subcommands.Add(Sub("discard", "Give up on a dead letter (kept as history; unblocks its aggregate)", [DeadLetterId], async (bus, parse, ct) =>
            await Report(await bus.DiscardAsync(parse.GetValue(DeadLetterId)!, ct), parse.GetValue(DeadLetterId)!, "discarded")));
        return command;
    }

    private static Command Sub(string name, string description, Symbol[] symbols, Func<EventAdmin, ParseResult, CancellationToken, Task<int>> run) =>
        AdminSubcommand.Create(name, description, symbols, run, ex => ex switch
        {
            EventAdminException bad => [$"{bad.Field}: {bad.Message}"],
            KeyNotFoundException or FormatException => [ex.Message],
            _ => null,
        });

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"{option}: '{text}' is not a date and time (ISO 8601, e.g. 2026-11-22T10:00:00Z).");
    }

    private static int Print<T>(T value)
    {
        Console.WriteLine(JsonSerializer.Serialize(value, JsonOutput));
        return 0;
    }

    private static async Task<int> Report(bool found, string id, string what)
    {
        if (found)
        {
            Console.WriteLine($"Dead letter {id} {what}.");
            return 0;
        }

        await Console.Error.WriteLineAsync($"No dead letter '{id}'.");
        return 1;
    }

    private static string FirstLine(string? text) => text is null ? "" : text.Split('\n', 2)[0].Trim();
}
