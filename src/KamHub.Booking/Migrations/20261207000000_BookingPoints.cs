using KamHub.Booking.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>Loyalty points spent on a booking and the platform-funded discount they bought (ADR 0019). Both providers (ADR 0002).</summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261207000000_BookingPoints")]
internal sealed class BookingPoints : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.AddColumn<long>("points_spent", n.Table("bookings"), schema: n.Schema, nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>("discount_minor", n.Table("bookings"), schema: n.Schema, nullable: false, defaultValue: 0L);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild, which would have to recreate the seats check.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN discount_minor;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN points_spent;");
    }
}
