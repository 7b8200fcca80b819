using KamHub.Core.Seeding;
using KamHub.Discovery.Data;
using KamHub.Discovery.Tours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using KamHub.Core.Time;

namespace KamHub.Discovery.Seeding;

/// <summary>12 Kamchatka operators and 60 published tours. Skipped once any operator exists.</summary>
internal sealed class DiscoveryDemoSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDemoSeeder
{
    public const int ToursPerOperator = 5;

    public int Order => 10;

    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscoveryDbContext>();
        if (await db.Operators.AnyAsync(cancellationToken)) return;

        var now = StoredTime.Now(clock);
        var random = new Random(42);
        foreach (var seed in DemoCatalog.Operators)
            db.Operators.Add(new Operator { Id = seed.Id, Name = seed.Name, Slug = seed.Slug, Region = DemoCatalog.Region, Description = seed.Description, CreatedAt = now });

        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var count = DemoCatalog.Operators.Length * ToursPerOperator;
        for (var n = 0; n < count; n++)
        {
            var template = DemoCatalog.Templates[n % DemoCatalog.Templates.Length];
            var variant = n / DemoCatalog.Templates.Length % DemoCatalog.Variants.Length;
            var slug = Slugs.Unique(Slugs.From(template.TitleEn + DemoCatalog.VariantsEn[variant], "tour"), slugs);
            slugs.Add(slug);
            // Tours of a template go to the operator whose speciality it is, others spread round-robin.
            var operatorId = DemoCatalog.Operators[(n % DemoCatalog.Templates.Length + variant) % DemoCatalog.Operators.Length].Id;
            db.Tours.Add(DemoTours.Build(n, operatorId, slug, now.AddMinutes(-count + n), random));
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Announce($"Discovery: {DemoCatalog.Operators.Length} demo operators, {count} published tours.");
    }
}
