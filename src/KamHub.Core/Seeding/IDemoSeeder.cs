namespace KamHub.Core.Seeding;

/// <summary>A module's demo data. Seeders run in <see cref="Order"/> after migrations, and must be idempotent.</summary>
public interface IDemoSeeder
{
    int Order { get; }

    Task SeedAsync(SeedContext context, CancellationToken cancellationToken);
}

/// <summary>What seeders share: lines for the start-up banner (e.g. how to sign in).</summary>
public sealed class SeedContext
{
    private readonly List<string> _banner = [];

    public IReadOnlyList<string> Banner => _banner;

    public void Announce(string line) => _banner.Add(line);
}
