using KamHub.Core.Migrations;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Payments.Migrations;

/// <summary>Reconciliation reads pending payments past their hold by (status, pay_by). Both providers (ADR 0002).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261206170000_PaymentsByStatusAndPayBy")]
internal sealed class PaymentsByStatusAndPayBy : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.CreateIndex("ix_payments_payments_status_pay_by", n.Table("payments"), ["status", "pay_by"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.DropIndex("ix_payments_payments_status_pay_by", n.Table("payments"), n.Schema);
    }
}
