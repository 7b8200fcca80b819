using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>The per-user lock row that serialises spending points (ADR 0019); redemptions are lines of points_entries.</summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261207000000_PointsRedemption")]
internal sealed class PointsRedemption : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.CreateTable(
            name: n.Table("points_accounts"),
            schema: n.Schema,
            columns: t => new
            {
                user_id = t.Column<Guid>(nullable: false),
                version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_engagement_points_accounts", x => x.user_id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.DropTable(n.Table("points_accounts"), n.Schema);
    }
}
