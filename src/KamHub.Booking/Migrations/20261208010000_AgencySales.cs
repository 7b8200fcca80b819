using KamHub.Booking.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>The agency a booking was sold for under an agency's grant (ADR 0023, update for agencies).</summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261208010000_AgencySales")]
internal sealed class AgencySales : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.AddColumn<Guid>("agency_id", n.Table("bookings"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_booking_bookings_agency", n.Table("bookings"), ["agency_id", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.DropIndex("ix_booking_bookings_agency", n.Table("bookings"), n.Schema);
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild, which would have to recreate the seats check.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN agency_id;");
    }
}
