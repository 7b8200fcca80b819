using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>The loyalty points ledger: earnings on completed trips and their reversals (ADR 0017).</summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261206220000_LoyaltyPoints")]
internal sealed class LoyaltyPoints : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.CreateTable(
            name: n.Table("points_entries"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                user_id = t.Column<Guid>(nullable: false),
                booking_id = t.Column<Guid>(nullable: false),
                kind = t.Column<string>(maxLength: 16, nullable: false),
                points = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                expires_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_engagement_points_entries", x => x.id));
        migrationBuilder.CreateIndex("ix_engagement_points_entries_booking_kind", n.Table("points_entries"), ["booking_id", "kind"], n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_engagement_points_entries_user", n.Table("points_entries"), ["user_id", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.DropTable(n.Table("points_entries"), n.Schema);
    }
}
