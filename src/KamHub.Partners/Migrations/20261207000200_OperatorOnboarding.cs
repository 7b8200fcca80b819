using KamHub.Core.Migrations;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Partners.Migrations;

/// <summary>Operator applications and the admin decisions on them (ADR 0020).</summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261207000200_OperatorOnboarding")]
internal sealed class OperatorOnboarding : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.CreateTable(
            name: n.Table("operator_applications"),
            schema: n.Schema,
            columns: t => new
            {
                operator_id = t.Column<Guid>(nullable: false),
                legal_name = t.Column<string>(maxLength: OperatorApplication.NameMaxLength, nullable: false),
                tax_id = t.Column<string>(maxLength: 12, nullable: false),
                contact_email = t.Column<string>(maxLength: 254, nullable: false),
                contact_phone = t.Column<string>(maxLength: 32, nullable: true),
                payout_details = t.Column<string>(maxLength: 2000, nullable: false),
                pending_payout_details = t.Column<string>(maxLength: 2000, nullable: true),
                status = t.Column<string>(maxLength: 16, nullable: false),
                rejection_reason = t.Column<string>(maxLength: OperatorApplication.ReasonMaxLength, nullable: true),
                submitted_by = t.Column<Guid>(nullable: false),
                submitted_at = t.Column<DateTime>(nullable: false),
                decided_by = t.Column<Guid>(nullable: true),
                decided_at = t.Column<DateTime>(nullable: true),
                version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_operator_applications", x => x.operator_id));
        migrationBuilder.CreateIndex("ix_partners_operator_applications_status", n.Table("operator_applications"), ["status", "operator_id"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("operator_decisions"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                scope = t.Column<string>(maxLength: 16, nullable: false),
                decision = t.Column<string>(maxLength: 16, nullable: false),
                reason = t.Column<string>(maxLength: OperatorApplication.ReasonMaxLength, nullable: true),
                decided_by = t.Column<Guid>(nullable: false),
                decided_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_operator_decisions", x => x.id));
        migrationBuilder.CreateIndex("ix_partners_operator_decisions_operator", n.Table("operator_decisions"), ["operator_id", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.DropTable(n.Table("operator_decisions"), n.Schema);
        migrationBuilder.DropTable(n.Table("operator_applications"), n.Schema);
    }
}
