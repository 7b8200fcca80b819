using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Tours;

internal sealed class TourCatalog(DiscoveryDbContext db) : ITourCatalog
{
    public async Task<TourSummary?> FindAsync(Guid id, CancellationToken ct)
    {
        var tour = await db.Tours.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new
            {
                Summary = new TourSummary(t.Id, t.OperatorId, t.Slug, t.TitleRu, t.TitleEn, t.BasePriceMinor, t.Currency, t.DurationMinutes,
                    t.MaxGroupSize, t.Status == TourStatus.Draft ? "draft" : t.Status == TourStatus.Published ? "published" : "archived", t.ChildPriceMinor, null),
                t.CancellationPolicy,
            })
            .FirstOrDefaultAsync(ct);
        // The tiers are stored as JSON: parsed here, after the query, not in SQL.
        return tour is null ? null : tour.Summary with { CancellationPolicy = TourPolicyRules.Read(tour.CancellationPolicy) };
    }
}
