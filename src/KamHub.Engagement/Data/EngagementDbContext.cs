using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Engagement.Data;

/// <summary>The Engagement module's tables. Only this module reads or writes them.</summary>
internal sealed class EngagementDbContext(DbContextOptions<EngagementDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Engagement";

    public override string ModuleName => "engagement";

    public DbSet<CompletedTrip> CompletedTrips => Set<CompletedTrip>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ReviewReport> ReviewReports => Set<ReviewReport>();

    public DbSet<TourRating> TourRatings => Set<TourRating>();

    public DbSet<PointsEntry> PointsEntries => Set<PointsEntry>();

    public DbSet<PointsAccount> PointsAccounts => Set<PointsAccount>();

    public DbSet<ReviewVote> ReviewVotes => Set<ReviewVote>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationParticipant> ConversationParticipants => Set<ConversationParticipant>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<TripGuide> TripGuides => Set<TripGuide>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CompletedTrip>(e =>
        {
            e.ToTable("completed_trips");
            e.HasKey(t => t.BookingId).HasName("pk_engagement_completed_trips");
            e.Property(t => t.Currency).HasMaxLength(3);
        });

        modelBuilder.Entity<Review>(e =>
        {
            e.ToTable("reviews");
            e.HasKey(r => r.Id).HasName("pk_engagement_reviews");
            e.Property(r => r.Text).HasMaxLength(Review.TextMaxLength);
            e.Property(r => r.Language).HasMaxLength(2);
            e.Property(r => r.Reply).HasMaxLength(Review.ReplyMaxLength);
            e.Property(r => r.ModerationReason).HasMaxLength(Review.ReasonMaxLength);
            // One review per booking: two requests racing past the check meet here (409).
            e.HasIndex(r => r.BookingId).IsUnique().HasDatabaseName("ix_engagement_reviews_booking");
            // A tour's visible reviews newest first, keyset on the id.
            e.HasIndex(r => new { r.TourId, r.Hidden, r.Id }).HasDatabaseName("ix_engagement_reviews_tour");
            // The operator's reviews (the desk's list, GET /api/operator/reviews) newest first, keyset on the id.
            e.HasIndex(r => new { r.OperatorId, r.Id }).HasDatabaseName("ix_engagement_reviews_operator");
        });

        modelBuilder.Entity<ReviewReport>(e =>
        {
            e.ToTable("review_reports");
            e.HasKey(r => r.Id).HasName("pk_engagement_review_reports");
            e.Property(r => r.Reason).HasMaxLength(Review.ReasonMaxLength);
            e.HasIndex(r => new { r.ReviewId, r.ReporterId }).IsUnique().HasDatabaseName("ix_engagement_review_reports_reporter");
        });

        modelBuilder.Entity<TourRating>(e =>
        {
            e.ToTable("tour_ratings");
            e.HasKey(r => r.TourId).HasName("pk_engagement_tour_ratings");
            // The operator's rows are locked and summed at every recount (TourRatings).
            e.HasIndex(r => r.OperatorId).HasDatabaseName("ix_engagement_tour_ratings_operator_id");
        });

        modelBuilder.Entity<PointsEntry>(e =>
        {
            e.ToTable("points_entries");
            e.HasKey(p => p.Id).HasName("pk_engagement_points_entries");
            e.Property(p => p.Kind).HasMaxLength(16);
            // Once per booking and kind: a redelivered or replayed event cannot earn or reverse twice.
            e.HasIndex(p => new { p.BookingId, p.Kind }).IsUnique().HasDatabaseName("ix_engagement_points_entries_booking_kind");
            e.HasIndex(p => new { p.UserId, p.Id }).HasDatabaseName("ix_engagement_points_entries_user");
        });

        modelBuilder.Entity<PointsAccount>(e =>
        {
            e.ToTable("points_accounts");
            e.HasKey(a => a.UserId).HasName("pk_engagement_points_accounts");
        });

        modelBuilder.Entity<ReviewVote>(e =>
        {
            e.ToTable("review_votes");
            e.HasKey(v => new { v.ReviewId, v.VoterId }).HasName("pk_engagement_review_votes");
        });
        modelBuilder.Entity<Review>().HasIndex(r => new { r.TourId, r.Hidden, r.Helpful, r.Id }).HasDatabaseName("ix_engagement_reviews_tour_helpful");

        modelBuilder.Entity<Conversation>(e =>
        {
            e.ToTable("conversations");
            e.HasKey(c => c.BookingId).HasName("pk_engagement_conversations");
            e.HasIndex(c => new { c.CustomerId, c.LastMessageAt }).HasDatabaseName("ix_engagement_conversations_customer");
            e.HasIndex(c => new { c.OperatorId, c.LastMessageAt }).HasDatabaseName("ix_engagement_conversations_operator");
            e.HasIndex(c => c.DepartureId).HasDatabaseName("ix_engagement_conversations_departure");
            e.Ignore(c => c.Guides);
        });

        modelBuilder.Entity<ConversationParticipant>(e =>
        {
            e.ToTable("conversation_participants");
            e.HasKey(p => new { p.BookingId, p.Party }).HasName("pk_engagement_conversation_participants");
            e.Property(p => p.Party).HasMaxLength(16);
        });

        modelBuilder.Entity<Message>(e =>
        {
            e.ToTable("messages");
            // The partition key (created_at) is part of the primary key on PostgreSQL, so the model and SQLite carry it too,
            // as the notification deliveries do: one schema for both providers (MigrationTests.SchemaMatchesModel).
            e.HasKey(m => new { m.Id, m.CreatedAt }).HasName("pk_engagement_messages");
            e.Property(m => m.SenderParty).HasMaxLength(16);
            e.Property(m => m.Text).HasMaxLength(Message.TextMaxLength);
            e.HasIndex(m => new { m.BookingId, m.Id }).HasDatabaseName("ix_engagement_messages_booking");
        });

        modelBuilder.Entity<TripGuide>(e =>
        {
            e.ToTable("trip_guides");
            e.HasKey(g => g.AssignmentId).HasName("pk_engagement_trip_guides");
            e.HasIndex(g => g.DepartureId).HasDatabaseName("ix_engagement_trip_guides_departure");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
