using KamHub.Core.Events;
using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>Completed trips, reviews, their reports, tour ratings and the module's event tables (ADR 0017). Both providers (ADR 0002).</summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261206210000_InitialEngagement")]
internal sealed class InitialEngagement : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        n.EnsureSchema();

        migrationBuilder.CreateTable(
            name: n.Table("completed_trips"),
            schema: n.Schema,
            columns: t => new
            {
                booking_id = t.Column<Guid>(nullable: false),
                customer_id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                paid_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                completed_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_engagement_completed_trips", x => x.booking_id));

        migrationBuilder.CreateTable(
            name: n.Table("reviews"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                booking_id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                author_id = t.Column<Guid>(nullable: false),
                rating = t.Column<int>(nullable: false),
                text = t.Column<string>(maxLength: Review.TextMaxLength, nullable: false),
                language = t.Column<string>(maxLength: 2, nullable: true),
                guide_rating = t.Column<int>(nullable: true),
                safety_rating = t.Column<int>(nullable: true),
                value_rating = t.Column<int>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                edited_at = t.Column<DateTime>(nullable: true),
                reply = t.Column<string>(maxLength: Review.ReplyMaxLength, nullable: true),
                replied_at = t.Column<DateTime>(nullable: true),
                reports = t.Column<int>(nullable: false),
                hidden = t.Column<bool>(nullable: false),
                moderation_reason = t.Column<string>(maxLength: Review.ReasonMaxLength, nullable: true),
                moderated_by = t.Column<Guid>(nullable: true),
                moderated_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_engagement_reviews", x => x.id);
                t.CheckConstraint("ck_engagement_reviews_rating", "rating BETWEEN 1 AND 5");
            });
        var reviews = n.Table("reviews");
        migrationBuilder.CreateIndex("ix_engagement_reviews_booking", reviews, "booking_id", n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_engagement_reviews_tour", reviews, ["tour_id", "hidden", "id"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("review_reports"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                review_id = t.Column<Guid>(nullable: false),
                reporter_id = t.Column<Guid>(nullable: false),
                reason = t.Column<string>(maxLength: Review.ReasonMaxLength, nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_engagement_review_reports", x => x.id));
        migrationBuilder.CreateIndex("ix_engagement_review_reports_reporter", n.Table("review_reports"), ["review_id", "reporter_id"], n.Schema, unique: true);

        migrationBuilder.CreateTable(
            name: n.Table("tour_ratings"),
            schema: n.Schema,
            columns: t => new
            {
                tour_id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                rating_sum = t.Column<long>(nullable: false),
                rating_count = t.Column<int>(nullable: false),
                version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_engagement_tour_ratings", x => x.tour_id));

        migrationBuilder.CreateEventBusTablesV1("engagement");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.DropEventBusTablesV1("engagement");
        migrationBuilder.DropTable(n.Table("tour_ratings"), n.Schema);
        migrationBuilder.DropTable(n.Table("review_reports"), n.Schema);
        migrationBuilder.DropTable(n.Table("reviews"), n.Schema);
        migrationBuilder.DropTable(n.Table("completed_trips"), n.Schema);
    }
}
