using KamHub.Core.Data;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>A row a shadow read found different on the mirror side (the database not written to), with its key.</summary>
internal sealed record ShadowMismatch(string Table, string Key, string Kind, string Side)
{
    public string Describe() => $"{Table} [{Key}] {Kind} on the {Side} database";
}

/// <summary>What one sampled read found: rows equal, rows different (after the mirror caught up), rows that kept changing.</summary>
internal sealed record ShadowResult(int Equal, IReadOnlyList<ShadowMismatch> Mismatches, int Unsettled);

/// <summary>
/// Compares the rows a sampled read returned on both databases of a move (ADR 0014, shadow reads). Each row is read by
/// its key from the write side and from the mirror side and compared in the verifier's canonical encoding, so a SQLite
/// text timestamp and a PostgreSQL timestamptz of one instant are equal. A difference can be the mirror's lag, so it
/// counts only if it is still there once the mirror has applied every write committed before it was seen, and the
/// write side's row did not change meanwhile (if it did, the row is "unsettled": neither equal nor a mismatch).
/// </summary>
internal sealed class ShadowReadCheck(ModuleDatabase module, MoveRoute route, MoveRouting routing, MoveOptions options, TimeProvider clock)
{
    private sealed record Side(DataEndpoint Endpoint, ModuleSchema Schema, string Name);

    private sealed record Compared(PhysicalTable WriteTable, PhysicalTable MirrorTable, object?[] Key, byte[]? WriteRow, byte[]? MirrorRow)
    {
        public bool Same => WriteRow is null ? MirrorRow is null : MirrorRow is not null && WriteRow.AsSpan().SequenceEqual(MirrorRow);
    }

    public async Task<ShadowResult> RunAsync(IReadOnlyList<(string Table, object?[] Key)> rows, CancellationToken ct)
    {
        var source = Open(route.Source, "old");
        var target = Open(route.Target, "new");
        var (write, mirror) = route.WritesOnTarget ? (target, source) : (source, target);
        var seen = clock.GetUtcNow().UtcDateTime;
        var first = await CompareAsync(write, mirror, Resolve(write, mirror, rows), ct);
        var equal = first.Count(c => c.Same);
        var differing = first.Where(c => !c.Same).ToList();
        if (differing.Count == 0) return new ShadowResult(equal, [], 0);

        if (!await MirrorCaughtUpAsync(seen, ct)) return new ShadowResult(equal, [], differing.Count);
        var again = await CompareAsync(write, mirror, [.. differing.Select(d => (d.WriteTable, d.MirrorTable, d.Key))], ct);
        var mismatches = new List<ShadowMismatch>();
        var unsettled = 0;
        for (var i = 0; i < again.Count; i++)
        {
            var now = again[i];
            if (now.Same) equal++;
            else if (SameBytes(now.WriteRow, differing[i].WriteRow)) mismatches.Add(Describe(now, mirror.Name));
            else unsettled++;
        }

        return new ShadowResult(equal, mismatches, unsettled);
    }

    private Side Open(ModuleConnection connection, string name)
    {
        var endpoint = DataEndpoint.Parse(connection.ConnectionString, name);
        return new Side(endpoint, ModuleSchema.Read(module, endpoint), name);
    }

    /// <summary>The entity's table as the serving context named it (SQLite's names carry the module prefix) on both sides.</summary>
    private List<(PhysicalTable Write, PhysicalTable Mirror, object?[] Key)> Resolve(Side write, Side mirror, IReadOnlyList<(string Table, object?[] Key)> rows)
    {
        PhysicalTable? Find(Side side, string name) =>
            side.Schema.Tables.FirstOrDefault(t => t.Spec.Name == name || $"{module.Schema}_{t.Spec.Name}" == name);
        var resolved = new List<(PhysicalTable, PhysicalTable, object?[])>();
        foreach (var (table, key) in rows)
        {
            if (Find(write, table) is { } w && Find(mirror, table) is { } m) resolved.Add((w, m, key));
        }

        return resolved;
    }

    private static async Task<List<Compared>> CompareAsync(Side write, Side mirror, List<(PhysicalTable Write, PhysicalTable Mirror, object?[] Key)> rows, CancellationToken ct)
    {
        var compared = new List<Compared>(rows.Count);
        await using var writeConnection = await write.Endpoint.OpenAsync(ct);
        await using var mirrorConnection = await mirror.Endpoint.OpenAsync(ct);
        foreach (var (writeTable, mirrorTable, key) in rows)
        {
            var writeRow = Encode(await ChangeMirror.ReadRowAsync(writeConnection, null, write.Endpoint, writeTable, key, ct));
            var mirrorRow = Encode(await ChangeMirror.ReadRowAsync(mirrorConnection, null, mirror.Endpoint, mirrorTable, key, ct));
            compared.Add(new Compared(writeTable, mirrorTable, key, writeRow, mirrorRow));
        }

        return compared;
    }

    /// <summary>Bounded wait until a mirror pass that emptied the write side's log started after <paramref name="seen"/> (same move, same epoch).</summary>
    private async Task<bool> MirrorCaughtUpAsync(DateTime seen, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                if (routing.For(route.Module) is not { } current || current.MoveId != route.MoveId || current.Epoch != route.Epoch) return false;
                if (current.CaughtUpAt is { } caughtUp && caughtUp.Ticks > seen.Ticks) return true;
                await Task.Delay(options.MirrorInterval, clock, ct);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static byte[]? Encode(object?[]? row)
    {
        if (row is null) return null;
        var buffer = new ByteBuffer(256);
        foreach (var value in row) CanonicalValue.Append(ref buffer, value);
        return buffer.Written.ToArray();
    }

    private static bool SameBytes(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static ShadowMismatch Describe(Compared row, string mirrorSide)
    {
        var kind = row.MirrorRow is null ? "missing" : row.WriteRow is null ? "extra" : "different";
        var key = string.Join(", ", row.Key.Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)));
        return new ShadowMismatch(row.WriteTable.Spec.Name, key, kind, mirrorSide);
    }
}
