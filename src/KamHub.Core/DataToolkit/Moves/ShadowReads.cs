using System.Collections.Concurrent;
using KamHub.Core.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// Shadow reads, step 3 of the online move (ADR 0014): a sample of a moving module's read requests (GET/HEAD,
/// <see cref="MoveOptions.ShadowReadPercent"/>) records the rows it read (entity type and key, seen by
/// <see cref="ShadowReadInterceptor"/>); once the answer is sent, <see cref="ShadowReadCheck"/> reads those rows on both
/// databases and compares them value by value in the verifier's canonical encoding. Mismatches are logged with their
/// keys, counted in <c>kamhub.data_move.shadow_rows</c> and added to the move row by <see cref="MoveWorker"/>, so status
/// shows the totals of every instance. The client's answer never waits for the check.
/// </summary>
internal sealed class ShadowReads(IOptions<MoveOptions> options, ModuleDatabaseRegistry registry, MoveRouting routing,
    MoveMetrics metrics, TimeProvider clock, ILogger<ShadowReads> logger)
{
    private const string ItemsKey = "kamhub.shadow-reads";
    private const int MaxRowsPerRead = 200;
    private const int MaxChecksAtOnce = 2;
    private const int MaxChecksWaiting = 100;
    private readonly ConcurrentDictionary<Guid, ShadowCounts> _counts = new();
    private readonly SemaphoreSlim _checks = new(MaxChecksAtOnce);
    private int _waiting;

    /// <summary>Called when a moving module's context is opened for a read request: decides once per request and module whether it is sampled.</summary>
    public void Consider(HttpContext context, MoveRoute route)
    {
        var samples = context.Items[ItemsKey] as Dictionary<string, ShadowSample?>;
        if (samples is not null && samples.ContainsKey(route.Module)) return;
        if (samples is null) context.Items[ItemsKey] = samples = new Dictionary<string, ShadowSample?>(StringComparer.OrdinalIgnoreCase);
        var percent = options.Value.ShadowReadPercent;
        var sampled = percent > 0 && Random.Shared.Next(100) < percent;
        var sample = sampled ? new ShadowSample(route) : null;
        samples[route.Module] = sample;
        if (sample is null) return;
        context.Response.OnCompleted(() =>
        {
            Schedule(sample);
            return Task.CompletedTask;
        });
    }

    /// <summary>An entity materialized by a module's context: remembered when the current request is a sampled read of that module.</summary>
    public static void Saw(HttpContext? request, DbContext context, IEntityType type, object entity)
    {
        if (request?.Items[ItemsKey] is not Dictionary<string, ShadowSample?> samples) return;
        if (context is not ModuleDbContext module || !samples.TryGetValue(module.ModuleName, out var sample) || sample is null) return;
        if (type.IsOwned() || type.FindPrimaryKey() is not { } key || type.GetTableName() is not { } table) return;
        var values = key.Properties.Select(p => p.GetTypeMapping().Converter is { } converter
            ? converter.ConvertToProvider(p.GetGetter().GetClrValue(entity))
            : p.GetGetter().GetClrValue(entity)).ToArray();
        sample.Add(table, values, MaxRowsPerRead);
    }

    /// <summary>
    /// Counts since the last call, for the move row (summed over every instance). The accumulator stays in the map and is
    /// drained under its lock: removing it would let a check that already holds it add to an orphan (a lost count), and
    /// reading its fields one by one could pair a new mismatch count with the old last mismatch.
    /// </summary>
    public ShadowTotals Take(Guid moveId) => _counts.TryGetValue(moveId, out var counts) ? counts.Drain() : ShadowTotals.None;

    private void Schedule(ShadowSample sample)
    {
        if (sample.IsEmpty) return;
        // A few checks at once and a bounded queue: under a burst, a sample that finds the queue full is dropped, never waited for.
        if (Interlocked.Increment(ref _waiting) > MaxChecksWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return;
        }

        _ = Task.Run(async () =>
        {
            await _checks.WaitAsync();
            try
            {
                await CheckAsync(sample);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A shadow read of {Module} could not be checked", sample.Route.Module);
            }
            finally
            {
                _checks.Release();
                Interlocked.Decrement(ref _waiting);
            }
        });
    }

    private async Task CheckAsync(ShadowSample sample)
    {
        var route = sample.Route;
        if (registry.Find(route.Module) is not { } module) return;
        using var cancel = new CancellationTokenSource(options.Value.ShadowCheckTimeout);
        var check = new ShadowReadCheck(module, route, routing, options.Value, clock);
        var result = await check.RunAsync(sample.Rows, cancel.Token);
        foreach (var mismatch in result.Mismatches)
        {
            logger.LogWarning("Shadow read mismatch in {Module}.{Table} key {Key}: {Kind} on the {Side} database", route.Module, mismatch.Table, mismatch.Key,
                mismatch.Kind, mismatch.Side);
        }

        var counts = _counts.GetOrAdd(route.MoveId, _ => new ShadowCounts());
        counts.Add(result);
        metrics.ShadowRows(route.Module, result.Equal, result.Mismatches.Count, result.Unsettled);
    }
}

/// <summary>One sampled read request of one module: the rows (table, key) its context materialized.</summary>
internal sealed class ShadowSample(MoveRoute route)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Table, object?[] Key)> _rows = new(StringComparer.Ordinal);

    public MoveRoute Route { get; } = route;

    public bool IsEmpty
    {
        get
        {
            lock (_gate) return _rows.Count == 0;
        }
    }

    public IReadOnlyList<(string Table, object?[] Key)> Rows
    {
        get
        {
            lock (_gate) return [.. _rows.Values];
        }
    }

    public void Add(string table, object?[] key, int limit)
    {
        var id = table + "|" + string.Join('|', key.Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)));
        lock (_gate)
        {
            if (_rows.Count < limit) _rows.TryAdd(id, (table, key));
        }
    }
}

/// <summary>Shadow-read totals of one move on this instance since they were last added to the move row.</summary>
internal sealed class ShadowCounts
{
    private readonly Lock _gate = new();
    private ShadowTotals _totals = ShadowTotals.None;

    public void Add(ShadowResult result)
    {
        lock (_gate)
        {
            _totals = new ShadowTotals(_totals.Reads + 1, _totals.Rows + result.Equal + result.Mismatches.Count,
                _totals.Mismatches + result.Mismatches.Count,
                result.Mismatches.Count > 0 ? result.Mismatches[^1].Describe() : _totals.LastMismatch);
        }
    }

    /// <summary>The totals so far, taken as one and reset to zero.</summary>
    public ShadowTotals Drain()
    {
        lock (_gate)
        {
            var totals = _totals;
            _totals = ShadowTotals.None;
            return totals;
        }
    }
}

/// <summary>One consistent snapshot of shadow-read totals.</summary>
internal sealed record ShadowTotals(long Reads, long Rows, long Mismatches, string? LastMismatch)
{
    public static readonly ShadowTotals None = new(0, 0, 0, null);

    public bool IsEmpty => Reads == 0;
}
