using KamHub.Core.Seeding;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using KamHub.Core.Time;

namespace KamHub.Discovery.Seeding;

/// <summary>
/// <c>kamhub seed --tours N</c>: N more published tours for benchmarks, one transaction (or COPY) per batch through
/// <see cref="TourBulkWriter"/>, the providers' bulk paths.
/// </summary>
internal sealed class BulkTourSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IBulkSeeder
{
    private const int BatchSize = 5_000;

    public string Kind => "tours";

    public async Task<int> SeedAsync(int count, CancellationToken cancellationToken, IProgress<int>? progress = null)
    {
        Guid[] operators;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DiscoveryDbContext>();
            operators = await db.Operators.Select(o => o.Id).ToArrayAsync(cancellationToken);
            if (operators.Length == 0)
            {
                // `seed` on a fresh data directory runs before any demo seeding: the tours still need organisations.
                var now = StoredTime.Now(clock);
                foreach (var seed in DemoCatalog.Operators)
                    db.Operators.Add(new Operator { Id = seed.Id, Name = seed.Name, Slug = seed.Slug, Region = DemoCatalog.Region, Description = seed.Description, CreatedAt = now });
                await db.SaveChangesAsync(cancellationToken);
                operators = DemoCatalog.Operators.Select(o => o.Id).ToArray();
            }
        }

        var random = new Random();
        var start = StoredTime.Now(clock).AddSeconds(-count);
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var done = 0; done < count;)
        {
            var size = Math.Min(BatchSize, count - done);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DiscoveryDbContext>();
            var batch = new List<Tour>(size);
            for (var i = 0; i < size; i++)
            {
                var n = done + i;
                var template = DemoCatalog.Templates[n % DemoCatalog.Templates.Length];
                // Unique without a lookup: a per-run prefix plus the row number.
                var slug = $"{Slugs.From(template.TitleEn, "tour")}-{run}-{n}";
                batch.Add(DemoTours.Build(n, operators[n % operators.Length], slug, start.AddSeconds(n), random));
            }

            await TourBulkWriter.WriteAsync(db, batch, cancellationToken);
            done += size;
            progress?.Report(done);
        }

        return count;
    }
}
