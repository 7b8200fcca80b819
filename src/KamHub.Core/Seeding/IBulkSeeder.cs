namespace KamHub.Core.Seeding;

/// <summary>Bulk data for benchmarks, reached through <c>kamhub seed --&lt;kind&gt; N</c>.</summary>
public interface IBulkSeeder
{
    /// <summary>The CLI option name, e.g. "tours".</summary>
    string Kind { get; }

    /// <param name="progress">Told how many are written so far, after each batch (the CLI draws its progress bar from it).</param>
    Task<int> SeedAsync(int count, CancellationToken cancellationToken, IProgress<int>? progress = null);
}
