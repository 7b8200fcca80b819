using KamHub.Core.Migrations;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>A tour's rating as Engagement announces it (rating.changed), with the index search sorts by it on (ADR 0017).</summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261206210000_TourRatings")]
internal sealed class TourRatings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        var tours = n.Table("tours");
        migrationBuilder.AddColumn<int>("rating_hundredths", tours, schema: n.Schema, nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>("rating_count", tours, schema: n.Schema, nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<long>("rating_position", tours, schema: n.Schema, nullable: false, defaultValue: 0L);
        migrationBuilder.CreateIndex("ix_discovery_tours_status_rating", tours, ["status", "rating_hundredths", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        migrationBuilder.DropIndex("ix_discovery_tours_status_rating", n.Table("tours"), n.Schema);
        // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild (which would lose the full-text triggers).
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("tours")} DROP COLUMN rating_position;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("tours")} DROP COLUMN rating_count;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("tours")} DROP COLUMN rating_hundredths;");
    }
}
