using KamHub.Booking.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>The agent who sold a booking and the commission its grant fixed (ADR 0023).</summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261207031000_AgentSales")]
internal sealed class AgentSales : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.AddColumn<Guid>("agent_id", n.Table("bookings"), schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<int>("agent_commission_basis_points", n.Table("bookings"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_booking_bookings_agent", n.Table("bookings"), ["agent_id", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.DropIndex("ix_booking_bookings_agent", n.Table("bookings"), n.Schema);
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild, which would have to recreate the seats check.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN agent_commission_basis_points;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("bookings")} DROP COLUMN agent_id;");
    }
}
