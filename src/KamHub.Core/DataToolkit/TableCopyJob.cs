using System.Threading.Channels;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// One table's copy: a reader task streams rows in key order into chunks while this task commits them, each with its
/// checkpoint (the key of the chunk's last row). Resumed, it starts after the checkpoint's key: the rows a crash lost
/// are only those of the chunk that was not committed yet.
/// </summary>
internal sealed record TableCopyJob(ModuleCopyPlan Plan, PhysicalTable Source, PhysicalTable Target, CopyCheckpoint? Checkpoint) : ISchedulable
{
    public string Key => Plan.Module.Name + "." + Target.Spec.Name;

    public IEnumerable<string> DependsOn => Target.Spec.DependsOn.Select(d => Plan.Module.Name + "." + d);

    public async Task<TableCopyResult> RunAsync(DataEndpoint to, CopyOptions options, IDataProgress progress, CancellationToken ct)
    {
        var spec = Source.Spec;
        var module = Plan.Module.Name;
        var rows = Checkpoint?.Rows ?? 0;
        var chunks = Checkpoint?.Chunks ?? 0;
        if (Checkpoint is { Done: true })
        {
            progress.TableStarted(module, spec.Name, rows, rows);
            progress.TableFinished(module, spec.Name, rows);
            return new TableCopyResult(module, spec.Name, rows, 0, 0);
        }

        var keyTypes = spec.KeyColumns.Select(c => c.Type).ToList();
        var afterKey = Checkpoint?.LastKey is { } json ? ValueJson.FromJson(json, keyTypes) : null;
        var lastKey = Checkpoint?.LastKey;
        var sourceRows = await Plan.Source.CountAsync(spec, ct);
        progress.TableStarted(module, spec.Name, sourceRows, rows);

        await using IChunkWriter writer = to.IsSqlite
            ? await SqliteChunkWriter.OpenAsync(to, Plan.Module.Schema, Target, ct)
            : await PostgresChunkWriter.OpenAsync(to, Plan.Module.Schema, Target, options.ParallelOn(to), ct);
        // Only a table not begun yet (no checkpoint: nothing of it on the target); a resumed one finds its list recorded.
        if (Checkpoint is null && sourceRows >= options.DeferIndexesFromRows) await writer.DeferIndexesAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<List<object?[]>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadChunksAsync(spec, afterKey, options.ChunkRows, channel.Writer, stop.Token), stop.Token);
        long copied = 0, chunksThisRun = 0;
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(ct))
            {
                rows += chunk.Count;
                chunks++;
                lastKey = ValueJson.ToJson(spec.Key.Select(i => chunk[^1][i]));
                await writer.WriteChunkAsync(chunk, new CopyCheckpoint(spec.Name, lastKey, rows, chunks, Done: false), ct);
                copied += chunk.Count;
                chunksThisRun++;
                progress.RowsDone(module, spec.Name, chunk.Count, rows);
                if (options.MaxRowsPerSecond > 0) await ThrottleAsync(copied, options.MaxRowsPerSecond, started, ct);
            }

            await reader;
        }
        finally
        {
            await stop.CancelAsync();
            await reader.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await writer.MarkDoneAsync(new CopyCheckpoint(spec.Name, lastKey, rows, chunks, Done: true), ct);
        progress.TableFinished(module, spec.Name, rows);
        return new TableCopyResult(module, spec.Name, rows, copied, chunksThisRun);
    }

    /// <summary>Waits until <paramref name="copied"/> rows are not ahead of the allowed rate since <paramref name="started"/>.</summary>
    private static async Task ThrottleAsync(long copied, int rowsPerSecond, long started, CancellationToken ct)
    {
        var ahead = TimeSpan.FromSeconds((double)copied / rowsPerSecond) - TimeProvider.System.GetElapsedTime(started);
        if (ahead > TimeSpan.Zero) await Task.Delay(ahead, TimeProvider.System, ct);
    }

    private async Task ReadChunksAsync(TableSpec spec, object?[]? afterKey, int chunkRows, ChannelWriter<List<object?[]>> output, CancellationToken ct)
    {
        try
        {
            var chunk = new List<object?[]>(chunkRows);
            await foreach (var row in Plan.Source.ReadAsync(spec, afterKey, ct))
            {
                chunk.Add(row);
                if (chunk.Count < chunkRows) continue;
                await output.WriteAsync(chunk, ct);
                chunk = new List<object?[]>(chunkRows);
            }

            if (chunk.Count > 0) await output.WriteAsync(chunk, ct);
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }
}
