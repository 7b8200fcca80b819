using KamHub.Core.Migrations;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Payments.Migrations;

/// <summary>The platform-funded loyalty discount of a booking's price, credited to the operator at capture (ADR 0019). Both providers (ADR 0002).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261207000000_PaymentDiscount")]
internal sealed class PaymentDiscount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.AddColumn<long>("discount_minor", n.Table("payments"), schema: n.Schema, nullable: false, defaultValue: 0L);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("payments")} DROP COLUMN discount_minor;");
    }
}
