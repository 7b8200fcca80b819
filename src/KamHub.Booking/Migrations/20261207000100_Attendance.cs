using KamHub.Booking.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>A booking's attendance as its operator or assigned guide marked it at the departure (ADR 0020).</summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261207000100_Attendance")]
internal sealed class Attendance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.AddColumn<string>("attendance", n.Table("bookings"), maxLength: 16, schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<DateTime>("attendance_marked_at", n.Table("bookings"), schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<Guid>("attendance_marked_by", n.Table("bookings"), schema: n.Schema, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild, which would have to recreate the seats check.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN attendance_marked_by;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN attendance_marked_at;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN attendance;");
    }
}
