using KamHub.Core.Migrations;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Partners.Migrations;

/// <summary>Operators' grants to agents: commission, validity and the tours they cover (ADR 0023).</summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261207000300_AgentGrants")]
internal sealed class AgentGrants : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.CreateTable(
            name: n.Table("agent_grants"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                agent_user_id = t.Column<Guid>(nullable: false),
                commission_basis_points = t.Column<int>(nullable: false),
                all_tours = t.Column<bool>(nullable: false),
                valid_from = t.Column<DateTime>(nullable: false),
                valid_to = t.Column<DateTime>(nullable: true),
                granted_by = t.Column<Guid>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                revoked_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_partners_agent_grants", x => x.id));
        migrationBuilder.CreateIndex("ix_partners_agent_grants_agent", n.Table("agent_grants"), ["agent_user_id", "operator_id"], n.Schema);
        migrationBuilder.CreateIndex("ix_partners_agent_grants_operator", n.Table("agent_grants"), ["operator_id", "id"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("agent_grant_tours"),
            schema: n.Schema,
            columns: t => new
            {
                grant_id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_agent_grant_tours", x => new { x.grant_id, x.tour_id }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.DropTable(n.Table("agent_grant_tours"), n.Schema);
        migrationBuilder.DropTable(n.Table("agent_grants"), n.Schema);
    }
}
