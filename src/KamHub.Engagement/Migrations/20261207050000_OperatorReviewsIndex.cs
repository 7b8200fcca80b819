using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>The operator's reviews newest first (the desk's list, GET /api/operator/reviews): read by index, not by a scan of every review. Both providers.</summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261207050000_OperatorReviewsIndex")]
internal sealed class OperatorReviewsIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.CreateIndex("ix_engagement_reviews_operator", n.Table("reviews"), ["operator_id", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.DropIndex("ix_engagement_reviews_operator", n.Table("reviews"), n.Schema);
    }
}
