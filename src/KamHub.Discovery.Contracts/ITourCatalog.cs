namespace KamHub.Discovery.Contracts;

/// <summary>What other modules (Booking) may ask the catalog; they never read Discovery's tables.</summary>
public interface ITourCatalog
{
    /// <summary>Any tour by id whatever its status, or null when there is none.</summary>
    Task<TourSummary?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> published tours, oldest first (Booking's demo seeder schedules their departures).</summary>
    Task<IReadOnlyList<TourSummary>> PublishedAsync(int limit, CancellationToken ct);
}

/// <param name="Status">draft, published or archived.</param>
/// <param name="BasePriceMinor">Per adult seat.</param>
/// <param name="ChildPriceMinor">Per child seat; null means children pay the adult price.</param>
/// <param name="CancellationPolicy">The tour's refund tiers; null means the departure's or the platform's default applies.</param>
public sealed record TourSummary(
    Guid Id,
    Guid OperatorId,
    string Slug,
    string TitleRu,
    string TitleEn,
    long BasePriceMinor,
    string Currency,
    int DurationMinutes,
    int MaxGroupSize,
    string Status,
    long? ChildPriceMinor = null,
    TourCancellationPolicy? CancellationPolicy = null);
