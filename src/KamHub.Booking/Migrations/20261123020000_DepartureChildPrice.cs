using KamHub.Booking.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>A departure's child fare, fixed when it is scheduled (null: children pay the adult price). Both providers (ADR 0002).</summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261123020000_DepartureChildPrice")]
internal sealed class DepartureChildPrice : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.AddColumn<long>("child_price_minor", n.Table("departures"), schema: n.Schema, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild, which would have to recreate the seats check.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("departures")} DROP COLUMN child_price_minor;");
    }
}
