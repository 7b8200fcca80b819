using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Tours;

internal sealed class TourCatalog(DiscoveryDbContext db) : ITourCatalog
{
    public Task<TourSummary?> FindAsync(Guid id, CancellationToken ct) =>
        db.Tours.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TourSummary(t.Id, t.OperatorId, t.Slug, t.TitleRu, t.TitleEn, t.BasePriceMinor, t.Currency, t.DurationMinutes,
                t.MaxGroupSize, t.Status == TourStatus.Draft ? "draft" : t.Status == TourStatus.Published ? "published" : "archived"))
            .FirstOrDefaultAsync(ct);
}
