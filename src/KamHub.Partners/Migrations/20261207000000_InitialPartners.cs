using KamHub.Core.Events;
using KamHub.Core.Migrations;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Partners.Migrations;

/// <summary>Guide and driver assignments, pickups, the per-person schedule lock rows and the module's event tables (ADR 0020).</summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261207000000_InitialPartners")]
internal sealed class InitialPartners : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        n.EnsureSchema();

        migrationBuilder.CreateTable(
            name: n.Table("assignments"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                departure_id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                user_id = t.Column<Guid>(nullable: false),
                role = t.Column<string>(maxLength: 16, nullable: false),
                starts_at = t.Column<DateTime>(nullable: false),
                ends_at = t.Column<DateTime>(nullable: false),
                time_zone = t.Column<string>(maxLength: 64, nullable: false),
                status = t.Column<string>(maxLength: 16, nullable: false),
                assigned_by = t.Column<Guid>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                cancelled_at = t.Column<DateTime>(nullable: true),
                cancellation_reason = t.Column<string>(maxLength: 32, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_partners_assignments", x => x.id));
        migrationBuilder.CreateIndex("ix_partners_assignments_user", n.Table("assignments"), ["user_id", "status", "starts_at"], n.Schema);
        migrationBuilder.CreateIndex("ix_partners_assignments_departure", n.Table("assignments"), ["departure_id", "status"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("pickups"),
            schema: n.Schema,
            columns: t => new
            {
                assignment_id = t.Column<Guid>(nullable: false),
                booking_id = t.Column<Guid>(nullable: false),
                point = t.Column<string>(maxLength: Pickup.PointMaxLength, nullable: false),
                pickup_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_pickups", x => new { x.assignment_id, x.booking_id }));

        migrationBuilder.CreateTable(
            name: n.Table("staff_schedules"),
            schema: n.Schema,
            columns: t => new
            {
                user_id = t.Column<Guid>(nullable: false),
                version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_staff_schedules", x => x.user_id));

        migrationBuilder.CreateEventBusTablesV1("partners");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.DropEventBusTablesV1("partners");
        migrationBuilder.DropTable(n.Table("staff_schedules"), n.Schema);
        migrationBuilder.DropTable(n.Table("pickups"), n.Schema);
        migrationBuilder.DropTable(n.Table("assignments"), n.Schema);
    }
}
