using KamHub.Core.Migrations;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>
/// The departures projection that search filters on (fed by Booking's events), and a tour's child price and refund
/// tiers. Hand-written for both providers (ADR 0002).
/// </summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261123020000_AvailabilityAndFares")]
internal sealed class AvailabilityAndFares : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        var departures = n.Table(TourDeparture.Table);
        migrationBuilder.CreateTable(
            name: departures,
            schema: n.Schema,
            columns: t => new
            {
                departure_id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
                starts_at = t.Column<DateTime>(nullable: true),
                starts_local = t.Column<DateTime>(nullable: true),
                capacity = t.Column<int>(nullable: false),
                seats_left = t.Column<int>(nullable: false),
                cancelled = t.Column<bool>(nullable: false),
                schedule_position = t.Column<long>(nullable: false),
                seats_position = t.Column<long>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_discovery_departures", x => x.departure_id));
        migrationBuilder.CreateIndex(TourDeparture.TourStartsIndex, departures, ["tour_id", "starts_at"], n.Schema);
        migrationBuilder.CreateIndex(TourDeparture.StartsIndex, departures, "starts_at", n.Schema);
        migrationBuilder.CreateIndex(TourDeparture.StartsLocalIndex, departures, "starts_local", n.Schema);

        var tours = n.Table("tours");
        migrationBuilder.AddColumn<long>("child_price_minor", tours, schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<string>("cancellation_policy", tours, schema: n.Schema, maxLength: TourLimits.CancellationPolicy, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild, which would lose the full-text triggers on tours.
        foreach (var column in new[] { "cancellation_policy", "child_price_minor" })
            migrationBuilder.Sql($"ALTER TABLE {n.Quoted("tours")} DROP COLUMN {column};");
        migrationBuilder.DropTable(n.Table(TourDeparture.Table), n.Schema);
    }
}
