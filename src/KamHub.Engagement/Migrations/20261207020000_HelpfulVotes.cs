using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>Helpful votes on reviews and the index "most helpful first" pages by (ADR 0019). Both providers (ADR 0002).</summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261207020000_HelpfulVotes")]
internal sealed class HelpfulVotes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.AddColumn<int>("helpful", n.Table("reviews"), schema: n.Schema, nullable: false, defaultValue: 0);
        migrationBuilder.CreateIndex("ix_engagement_reviews_tour_helpful", n.Table("reviews"), ["tour_id", "hidden", "helpful", "id"], n.Schema);
        migrationBuilder.CreateTable(
            name: n.Table("review_votes"),
            schema: n.Schema,
            columns: t => new
            {
                review_id = t.Column<Guid>(nullable: false),
                voter_id = t.Column<Guid>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_engagement_review_votes", x => new { x.review_id, x.voter_id }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.DropTable(n.Table("review_votes"), n.Schema);
        migrationBuilder.DropIndex("ix_engagement_reviews_tour_helpful", n.Table("reviews"), n.Schema);
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("reviews")} DROP COLUMN helpful;");
    }
}
