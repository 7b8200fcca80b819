using KamHub.Core.Events;
using KamHub.Discovery.Contracts;
using KamHub.Discovery.Data;

namespace KamHub.Discovery.Tours;

/// <summary>The catalog's integration events, published in the same SaveChanges as the tour change (aggregate: the tour).</summary>
internal static class TourEventPublishing
{
    public static void TourCreated(this IEventPublisher events, DiscoveryDbContext db, Tour tour) =>
        events.Publish(db, Key(tour), new TourCreated(tour.Id, tour.OperatorId, tour.Slug, At(tour)));

    public static void TourUpdated(this IEventPublisher events, DiscoveryDbContext db, Tour tour) =>
        events.Publish(db, Key(tour), new TourUpdated(tour.Id, tour.OperatorId, tour.Slug, At(tour)));

    public static void TourPublished(this IEventPublisher events, DiscoveryDbContext db, Tour tour) =>
        events.Publish(db, Key(tour), new TourPublished(tour.Id, tour.OperatorId, tour.Slug, At(tour)));

    /// <summary>Archiving and deleting both take the tour out of the catalog.</summary>
    public static void TourArchived(this IEventPublisher events, DiscoveryDbContext db, Tour tour, DateTimeOffset at) =>
        events.Publish(db, Key(tour), new TourArchived(tour.Id, tour.OperatorId, tour.Slug, at));

    private static string Key(Tour tour) => tour.Id.ToString();

    private static DateTimeOffset At(Tour tour) => new(DateTime.SpecifyKind(tour.UpdatedAt, DateTimeKind.Utc));
}
