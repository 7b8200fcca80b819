using KamHub.Booking.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>
/// A departure's end and a booking's completion instant, with the index the trip completer scans (ADR 0017). Existing
/// departures get no end here: the completer fills it from the catalog (start + the tour's duration) once they start.
/// </summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261206200000_TripCompletion")]
internal sealed class TripCompletion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.AddColumn<DateTime>("ends_at", n.Table("departures"), schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<DateTime>("completed_at", n.Table("bookings"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_booking_departures_status_ends_at", n.Table("departures"), ["status", "ends_at"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.DropIndex("ix_booking_departures_status_ends_at", n.Table("departures"), n.Schema);
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild, which would have to recreate the seats check.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN completed_at;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("departures")} DROP COLUMN ends_at;");
    }
}
