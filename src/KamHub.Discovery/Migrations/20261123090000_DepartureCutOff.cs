using KamHub.Core.Migrations;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>
/// A departure's cut-off in the projection (bookable_until, from departure.scheduled/rescheduled), so search stops
/// offering a departure that can no longer be booked. Null for rows projected before: bookable until the start.
/// </summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261123090000_DepartureCutOff")]
internal sealed class DepartureCutOff : Migration
{
    private const string Column = "bookable_until";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        migrationBuilder.AddColumn<DateTime>(Column, n.Table(TourDeparture.Table), schema: n.Schema, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted(TourDeparture.Table)} DROP COLUMN {Column};");
    }
}
