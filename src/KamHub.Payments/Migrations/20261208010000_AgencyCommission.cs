using KamHub.Core.Migrations;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Payments.Migrations;

/// <summary>The agency of a payment, of its agent-commission ledger entries and of its payouts (ADR 0023, update for agencies). Both providers (ADR 0002).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261208010000_AgencyCommission")]
internal sealed class AgencyCommission : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.AddColumn<Guid>("agency_id", n.Table("payments"), schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<Guid>("agency_id", n.Table("ledger_entries"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_payments_ledger_agency", n.Table("ledger_entries"), ["agency_id", "account", "payout_id", "occurred_at"], n.Schema);
        migrationBuilder.AddColumn<Guid>("agency_id", n.Table("payouts"), schema: n.Schema, nullable: true);
        migrationBuilder.CreateIndex("ix_payments_payouts_agency", n.Table("payouts"), ["agency_id", "id"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.DropIndex("ix_payments_payouts_agency", n.Table("payouts"), n.Schema);
        migrationBuilder.DropIndex("ix_payments_ledger_agency", n.Table("ledger_entries"), n.Schema);
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("payouts")} DROP COLUMN agency_id;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("ledger_entries")} DROP COLUMN agency_id;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("payments")} DROP COLUMN agency_id;");
    }
}
