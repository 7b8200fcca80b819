using KamHub.Booking.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>
/// A departure's availability version and the version last announced, with a partial index on the departures still to
/// announce (ADR 0005 amendment: availability.changed leaves the hold's transaction). Both providers (ADR 0002).
/// </summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261123090000_DepartureAvailabilityVersion")]
internal sealed class DepartureAvailabilityVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.AddColumn<long>("availability_version", n.Table("departures"), schema: n.Schema, nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>("availability_published", n.Table("departures"), schema: n.Schema, nullable: false, defaultValue: 0L);
        migrationBuilder.CreateIndex("ix_booking_departures_availability_due", n.Table("departures"), "id", n.Schema, filter: DepartureAvailabilityDue.Filter);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.DropIndex("ix_booking_departures_availability_due", n.Table("departures"), n.Schema);
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild, which would have to recreate the seats check.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("departures")} DROP COLUMN availability_published;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("departures")} DROP COLUMN availability_version;");
    }
}
