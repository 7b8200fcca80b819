using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>
/// Guides in conversations (ADR 0024): the departure a conversation belongs to, and who guides which departure as
/// Partners' assignment events tell it. The unused guide_id seam of ADR 0019 goes. Both providers (ADR 0002).
/// </summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261207030000_TripGuides")]
internal sealed class TripGuides : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("conversations")} DROP COLUMN guide_id;");
        migrationBuilder.AddColumn<Guid>("departure_id", n.Table("conversations"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_engagement_conversations_departure", n.Table("conversations"), ["departure_id"], n.Schema);
        migrationBuilder.CreateTable(
            name: n.Table("trip_guides"),
            schema: n.Schema,
            columns: t => new
            {
                assignment_id = t.Column<Guid>(nullable: false),
                departure_id = t.Column<Guid>(nullable: false),
                user_id = t.Column<Guid>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_engagement_trip_guides", x => x.assignment_id));
        migrationBuilder.CreateIndex("ix_engagement_trip_guides_departure", n.Table("trip_guides"), ["departure_id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.DropTable(n.Table("trip_guides"), n.Schema);
        migrationBuilder.DropIndex("ix_engagement_conversations_departure", n.Table("conversations"), n.Schema);
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("conversations")} DROP COLUMN departure_id;");
        migrationBuilder.AddColumn<Guid>("guide_id", n.Table("conversations"), schema: n.Schema, nullable: true);
    }
}
