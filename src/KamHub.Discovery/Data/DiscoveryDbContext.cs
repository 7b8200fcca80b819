using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Discovery.Data;

/// <summary>The Discovery module's tables. Only this module reads or writes them.</summary>
internal sealed class DiscoveryDbContext(DbContextOptions<DiscoveryDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Discovery";

    public override string ModuleName => "discovery";

    public DbSet<Operator> Operators => Set<Operator>();

    public DbSet<Tour> Tours => Set<Tour>();

    public DbSet<TourMatch> Matches => Set<TourMatch>();

    public DbSet<TourDeparture> Departures => Set<TourDeparture>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Operator>(e =>
        {
            e.ToTable("operators");
            e.HasKey(o => o.Id).HasName("pk_discovery_operators");
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.Slug).HasMaxLength(100);
            e.Property(o => o.Region).HasMaxLength(100);
            e.Property(o => o.Description).HasMaxLength(4000);
            e.HasIndex(o => o.Slug).IsUnique().HasDatabaseName("ix_discovery_operators_slug");
        });

        modelBuilder.Entity<Tour>(e =>
        {
            e.ToTable("tours");
            e.HasKey(t => t.Id).HasName("pk_discovery_tours");
            e.Property(t => t.Slug).HasMaxLength(120);
            e.Property(t => t.TitleRu).HasMaxLength(TourLimits.Title);
            e.Property(t => t.TitleEn).HasMaxLength(TourLimits.Title);
            e.Property(t => t.DescriptionRu).HasMaxLength(TourLimits.Description);
            e.Property(t => t.DescriptionEn).HasMaxLength(TourLimits.Description);
            e.Property(t => t.Region).HasMaxLength(TourLimits.Region);
            e.Property(t => t.Currency).HasMaxLength(3);
            e.Property(t => t.Tags).HasMaxLength(1000);
            e.Property(t => t.Photos).HasMaxLength(12000);
            e.Property(t => t.CancellationPolicy).HasMaxLength(TourLimits.CancellationPolicy);
            e.Property(t => t.Difficulty).HasConversion(v => Lower(v), s => Enum.Parse<TourDifficulty>(s, true)).HasMaxLength(16);
            // A concurrency token: a write whose status check raced an archive fails (409) instead of undoing it.
            e.Property(t => t.Status).HasConversion(v => Lower(v), s => Enum.Parse<TourStatus>(s, true)).HasMaxLength(16).IsConcurrencyToken();
            e.HasIndex(t => t.Slug).IsUnique().HasDatabaseName("ix_discovery_tours_slug");
            e.HasIndex(t => new { t.Status, t.CreatedAt, t.Id }).HasDatabaseName("ix_discovery_tours_status_created_at");
            e.HasIndex(t => new { t.Status, t.BasePriceMinor, t.Id }).HasDatabaseName("ix_discovery_tours_status_price");
            e.HasIndex(t => new { t.Status, t.DurationMinutes, t.Id }).HasDatabaseName("ix_discovery_tours_status_duration");
            e.HasIndex(t => new { t.Status, t.RatingHundredths, t.Id }).HasDatabaseName("ix_discovery_tours_status_rating");
            e.HasIndex(t => t.Region).HasDatabaseName("ix_discovery_tours_region");
            e.HasIndex(t => t.OperatorId).HasDatabaseName("ix_discovery_tours_operator_id");
            e.HasIndex(t => new { t.MeetingLat, t.MeetingLon }).HasDatabaseName("ix_discovery_tours_meeting_point");
        });

        modelBuilder.Entity<TourDeparture>(e =>
        {
            e.ToTable(TourDeparture.Table);
            e.HasKey(d => d.DepartureId).HasName("pk_discovery_departures");
            // The search's date filter probes a tour's departures by start; the window scan serves "what runs this week".
            e.HasIndex(d => new { d.TourId, d.StartsAt }).HasDatabaseName(TourDeparture.TourStartsIndex);
            e.HasIndex(d => d.StartsAt).HasDatabaseName(TourDeparture.StartsIndex);
            e.HasIndex(d => d.StartsLocal).HasDatabaseName(TourDeparture.StartsLocalIndex);
        });

        modelBuilder.AddEventBusTables(ModuleName);

        modelBuilder.HasDbFunction(typeof(TourFullText).GetMethod(nameof(TourFullText.PostgresRank))!).HasTranslation(TourFullText.TranslatePostgresRank);

        // Not a table: the shape of the full-text SQL's rows. Column names are pinned because that SQL is hand-written.
        // ToTable(null) too: without it EF maps the type to a default "matches" table that no migration creates.
        modelBuilder.Entity<TourMatch>(e =>
        {
            e.HasNoKey().ToView(null).ToTable((string?)null);
            e.Property(m => m.TourId).HasColumnName(TourMatch.TourIdColumn);
            e.Property(m => m.Rank).HasColumnName(TourMatch.RankColumn);
        });
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
