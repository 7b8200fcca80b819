using KamHub.Core.Migrations;
using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Notifications.Migrations;

/// <summary>Push device tokens users register (POST /api/me/devices), one row per (user, token). Both providers (ADR 0002).</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261123060000_PushDevices")]
internal sealed class PushDevices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "notifications");
        var devices = n.Table("devices");
        migrationBuilder.CreateTable(
            name: devices,
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                user_id = t.Column<Guid>(nullable: false),
                platform = t.Column<string>(maxLength: PushPlatforms.MaxLength, nullable: false),
                token = t.Column<string>(maxLength: PushDevice.TokenMaxLength, nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                active = t.Column<bool>(nullable: false),
                deactivated_at = t.Column<DateTime>(nullable: true),
                deactivation_reason = t.Column<string>(maxLength: PushDevice.ReasonMaxLength, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_notifications_devices", x => x.id));
        migrationBuilder.CreateIndex("ux_notifications_devices_user_token", devices, ["user_id", "token"], n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_notifications_devices_token", devices, "token", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "notifications");
        migrationBuilder.DropTable(n.Table("devices"), n.Schema);
    }
}
