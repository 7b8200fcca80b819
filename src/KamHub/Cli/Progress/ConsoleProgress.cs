using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace KamHub.Cli.Progress;

/// <summary>
/// Progress of long CLI work made of named items (tables, seeded kinds): on a terminal a live Spectre.Console bar per
/// item with rows, rows/s and ETA; with output redirected, plain lines (start, every few seconds, done) that logs and
/// scripts can read; a summary table at the end either way. Thread-safe: items advance from several tasks at once.
/// Lives in the CLI, not in a command, so <c>seed</c> can use it too.
/// </summary>
internal sealed class ConsoleProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly TextWriter _plain;
    private readonly string _unit;
    private ProgressContext? _live;

    private readonly bool _allowLive;

    /// <param name="allowLive">False when stdout carries data (JSON): then only plain lines, on stderr.</param>
    public ConsoleProgress(string unit = "rows", bool allowLive = true, TextWriter? plain = null)
    {
        _unit = unit;
        _allowLive = allowLive;
        _plain = plain ?? Console.Error;
    }

    /// <summary>True when a live display can be drawn: a terminal on both stdout and stderr.</summary>
    public static bool IsInteractive => !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public async Task<T> RunAsync<T>(Func<ConsoleProgress, Task<T>> work)
    {
        if (!_allowLive || !IsInteractive) return await work(this);
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                _live = context;
                result = await work(this);
            });
        _live = null;
        return result;
    }

    public void Start(string name, long total, long alreadyDone)
    {
        var item = new Item(name, total, alreadyDone);
        _items[name] = item;
        if (_live is { } live)
        {
            item.Task = live.AddTask(Markup.Escape(name), maxValue: Math.Max(1, total));
            item.Task.Value = alreadyDone;
        }
        else
        {
            _plain.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: started, {total:N0} {_unit}{(alreadyDone > 0 ? $" ({alreadyDone:N0} already done, resuming)" : "")}"));
        }
    }

    public void Advance(string name, long count, long done)
    {
        if (!_items.TryGetValue(name, out var item)) return;
        item.Done = done;
        var rate = item.Rate;
        if (item.Task is { } task)
        {
            task.Value = done;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name} {done:N0}/{item.Total:N0} {_unit} {rate:N0}/s"));
        }
        else if (item.ShouldPrint(PlainInterval))
        {
            _plain.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {done:N0}/{item.Total:N0} {_unit}, {rate:N0} {_unit}/s"));
        }
    }

    public void Finish(string name, long done)
    {
        if (!_items.TryGetValue(name, out var item)) return;
        item.Done = done;
        item.Watch.Stop();
        if (item.Task is { } task)
        {
            task.MaxValue = Math.Max(1, done);
            task.Value = task.MaxValue;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name} {done:N0} {_unit} {item.Rate:N0}/s"));
            task.StopTask();
        }
        else
        {
            _plain.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: done, {done:N0} {_unit} in {item.Watch.Elapsed.TotalSeconds:F1} s ({item.Rate:N0} {_unit}/s)"));
        }
    }

    /// <summary>One line per item and a total, on stdout.</summary>
    public void PrintSummary(string verb, TimeSpan elapsed)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-2}{"table",-40} {_unit,14} {"seconds",8} {_unit + "/s",12}"));
        foreach (var item in _items.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {item.Name,-40} {item.Done - item.AlreadyDone,14:N0} {item.Watch.Elapsed.TotalSeconds,8:F1} {item.Rate,12:N0}"));
        var total = _items.Values.Sum(i => i.Done - i.AlreadyDone);
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb} {total:N0} {_unit} in {elapsed.TotalSeconds:F1} s ({total / seconds:N0} {_unit}/s) across {_items.Count} table(s)."));
    }

    private sealed class Item(string name, long total, long alreadyDone)
    {
        private long _lastPrint = Stopwatch.GetTimestamp();

        public string Name { get; } = name;

        public long Total { get; } = total;

        public long AlreadyDone { get; } = alreadyDone;

        public long Done { get; set; } = alreadyDone;

        public Stopwatch Watch { get; } = Stopwatch.StartNew();

        public ProgressTask? Task { get; set; }

        public double Rate => (Done - AlreadyDone) / Math.Max(Watch.Elapsed.TotalSeconds, 0.001);

        public bool ShouldPrint(TimeSpan interval)
        {
            var now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(_lastPrint, now) < interval) return false;
            _lastPrint = now;
            return true;
        }
    }
}
