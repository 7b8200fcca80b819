using KamHub.Core.Migrations;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Payments.Migrations;

/// <summary>The agent of a payment, its agent-commission ledger entries and its payouts (ADR 0023). Both providers (ADR 0002).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261207031000_AgentCommission")]
internal sealed class AgentCommission : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.AddColumn<Guid>("agent_id", n.Table("payments"), schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<int>("agent_commission_basis_points", n.Table("payments"), schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<Guid>("agent_id", n.Table("ledger_entries"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_payments_ledger_agent", n.Table("ledger_entries"), ["agent_id", "account", "payout_id", "occurred_at"], n.Schema);
        migrationBuilder.AddColumn<Guid>("agent_id", n.Table("payouts"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_payments_payouts_agent", n.Table("payouts"), ["agent_id", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.DropIndex("ix_payments_payouts_agent", n.Table("payouts"), n.Schema);
        migrationBuilder.DropIndex("ix_payments_ledger_agent", n.Table("ledger_entries"), n.Schema);
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("payouts")} DROP COLUMN agent_id;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("ledger_entries")} DROP COLUMN agent_id;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("payments")} DROP COLUMN agent_commission_basis_points;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("payments")} DROP COLUMN agent_id;");
    }
}
