using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>The operator's tour rating rows, locked and summed at every recount for the operator's rating (ADR 0024). Both providers.</summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261207040000_OperatorRatingIndex")]
internal sealed class OperatorRatingIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.CreateIndex("ix_engagement_tour_ratings_operator_id", n.Table("tour_ratings"), "operator_id", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.DropIndex("ix_engagement_tour_ratings_operator_id", n.Table("tour_ratings"), n.Schema);
    }
}
