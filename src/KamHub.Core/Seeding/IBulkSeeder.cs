namespace KamHub.Core.Seeding;

/// <summary>Bulk data for benchmarks, reached through <c>kamhub seed --&lt;kind&gt; N</c>.</summary>
public interface IBulkSeeder
{
    /// <summary>The CLI option name, e.g. "tours".</summary>
    string Kind { get; }

    Task<int> SeedAsync(int count, CancellationToken cancellationToken);
}
