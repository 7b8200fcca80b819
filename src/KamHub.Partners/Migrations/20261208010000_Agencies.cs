using KamHub.Core.Migrations;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Partners.Migrations;

/// <summary>Agencies, their current members, and grants to an agency (ADR 0023, update for agencies).</summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261208010000_Agencies")]
internal sealed class Agencies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.CreateTable(
            name: n.Table("agencies"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                name = t.Column<string>(maxLength: Agency.NameMaxLength, nullable: false),
                contact_email = t.Column<string>(maxLength: 254, nullable: false),
                created_by = t.Column<Guid>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_agencies", x => x.id));

        migrationBuilder.CreateTable(
            name: n.Table("agency_members"),
            schema: n.Schema,
            columns: t => new
            {
                agent_user_id = t.Column<Guid>(nullable: false),
                agency_id = t.Column<Guid>(nullable: false),
                is_manager = t.Column<bool>(nullable: false),
                added_by = t.Column<Guid>(nullable: false),
                added_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_agency_members", x => x.agent_user_id));
        migrationBuilder.CreateIndex("ix_partners_agency_members_agency", n.Table("agency_members"), ["agency_id", "added_at"], n.Schema);

        migrationBuilder.AddColumn<Guid>("agency_id", n.Table("agent_grants"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_partners_agent_grants_agency", n.Table("agent_grants"), ["agency_id", "operator_id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.DropIndex("ix_partners_agent_grants_agency", n.Table("agent_grants"), n.Schema);
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("agent_grants")} DROP COLUMN agency_id;");
        migrationBuilder.DropTable(n.Table("agency_members"), n.Schema);
        migrationBuilder.DropTable(n.Table("agencies"), n.Schema);
    }
}
