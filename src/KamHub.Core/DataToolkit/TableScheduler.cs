namespace KamHub.Core.DataToolkit;

internal interface ISchedulable
{
    string Key { get; }

    IEnumerable<string> DependsOn { get; }
}

/// <summary>
/// Runs table jobs up to <c>parallel</c> at a time, each only after the jobs it depends on (foreign keys) finished.
/// The first failure cancels the others and is rethrown once they stopped.
/// </summary>
internal static class TableScheduler
{
    public static async Task<IReadOnlyList<TResult>> RunAsync<TJob, TResult>(IReadOnlyList<TJob> jobs, int parallel, Func<TJob, CancellationToken, Task<TResult>> run, CancellationToken ct)
        where TJob : ISchedulable
    {
        var keys = jobs.Select(j => j.Key).ToHashSet(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var pending = jobs.ToList();
        var running = new Dictionary<Task<TResult>, TJob>();
        var results = new List<TResult>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (pending.Count > 0 || running.Count > 0)
        {
            while (running.Count < Math.Max(1, parallel))
            {
                var next = pending.FirstOrDefault(j => j.DependsOn.All(d => finished.Contains(d) || !keys.Contains(d)));
                if (next is null) break;
                pending.Remove(next);
                running[run(next, stop.Token)] = next;
            }

            if (running.Count == 0) throw new DataToolkitException("Tables wait on each other (a foreign-key cycle); nothing can start.");
            var done = await Task.WhenAny(running.Keys);
            var job = running[done];
            running.Remove(done);
            try
            {
                results.Add(await done);
                finished.Add(job.Key);
            }
            catch
            {
                await stop.CancelAsync();
                foreach (var other in running.Keys) await other.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }
        }

        return results;
    }
}
