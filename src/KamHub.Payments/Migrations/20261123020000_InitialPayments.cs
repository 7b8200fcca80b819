using KamHub.Core.Events;
using KamHub.Core.Migrations;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Payments.Migrations;

/// <summary>Payments, refunds, webhook receipts, the ledger, payouts and the module's event tables (ADR 0006). Hand-written for both providers (ADR 0002).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261123020000_InitialPayments")]
internal sealed class InitialPayments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        n.EnsureSchema();

        migrationBuilder.CreateTable(
            name: n.Table("payments"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                booking_id = t.Column<Guid>(nullable: false),
                booking_reference = t.Column<string>(maxLength: 32, nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                customer_id = t.Column<Guid>(nullable: false),
                customer_email = t.Column<string>(maxLength: 254, nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                provider = t.Column<string>(maxLength: Payment.ProviderMaxLength, nullable: false),
                provider_payment_id = t.Column<string>(maxLength: 200, nullable: true),
                redirect_url = t.Column<string>(maxLength: 2000, nullable: true),
                confirmation_token = t.Column<string>(maxLength: 500, nullable: true),
                status = t.Column<string>(maxLength: 16, nullable: false),
                failure_code = t.Column<string>(maxLength: 100, nullable: true),
                captured_minor = t.Column<long>(nullable: false),
                refunding_minor = t.Column<long>(nullable: false),
                refunded_minor = t.Column<long>(nullable: false),
                commission_basis_points = t.Column<int>(nullable: true),
                pay_by = t.Column<DateTime>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                succeeded_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_payments_payments", x => x.id);
                // Refunds never exceed what was captured, whatever code path: the last line of defence.
                t.CheckConstraint("ck_payments_payments_refunds", "refunded_minor >= 0 AND refunded_minor <= refunding_minor AND refunding_minor <= captured_minor");
            });
        migrationBuilder.CreateIndex("ix_payments_payments_booking", n.Table("payments"), "booking_id", n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_payments_payments_provider_id", n.Table("payments"), ["provider", "provider_payment_id"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("refunds"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                payment_id = t.Column<Guid>(nullable: false),
                booking_id = t.Column<Guid>(nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                status = t.Column<string>(maxLength: 16, nullable: false),
                reason = t.Column<string>(maxLength: Refund.ReasonMaxLength, nullable: false),
                idempotency_key = t.Column<string>(maxLength: Refund.KeyMaxLength, nullable: true),
                provider_refund_id = t.Column<string>(maxLength: 200, nullable: true),
                requested_by = t.Column<Guid>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                completed_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_payments_refunds", x => x.id);
                t.CheckConstraint("ck_payments_refunds_amount", "amount_minor > 0");
            });
        migrationBuilder.CreateIndex("ix_payments_refunds_key", n.Table("refunds"), "idempotency_key", n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_payments_refunds_payment", n.Table("refunds"), ["payment_id", "id"], n.Schema);
        migrationBuilder.CreateIndex("ix_payments_refunds_status", n.Table("refunds"), ["status", "updated_at"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("webhook_receipts"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                provider = t.Column<string>(maxLength: Payment.ProviderMaxLength, nullable: false),
                provider_event_id = t.Column<string>(maxLength: WebhookReceipt.EventIdMaxLength, nullable: false),
                kind = t.Column<string>(maxLength: 16, nullable: false),
                payment_id = t.Column<Guid>(nullable: true),
                outcome = t.Column<string>(maxLength: 32, nullable: false),
                received_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_payments_webhook_receipts", x => x.id));
        migrationBuilder.CreateIndex("ix_payments_webhook_receipts_event", n.Table("webhook_receipts"), ["provider", "provider_event_id"], n.Schema, unique: true);

        migrationBuilder.CreateTable(
            name: n.Table("ledger_entries"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                booking_id = t.Column<Guid>(nullable: true),
                payment_id = t.Column<Guid>(nullable: true),
                refund_id = t.Column<Guid>(nullable: true),
                account = t.Column<string>(maxLength: 16, nullable: false),
                kind = t.Column<string>(maxLength: 16, nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                occurred_at = t.Column<DateTime>(nullable: false),
                payout_id = t.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_payments_ledger_entries", x => x.id));
        migrationBuilder.CreateIndex("ix_payments_ledger_booking", n.Table("ledger_entries"), "booking_id", n.Schema);
        migrationBuilder.CreateIndex("ix_payments_ledger_operator", n.Table("ledger_entries"), ["operator_id", "account", "payout_id", "occurred_at"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("payouts"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                entries = t.Column<int>(nullable: false),
                period_from = t.Column<DateTime>(nullable: false),
                period_to = t.Column<DateTime>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_payments_payouts", x => x.id));
        migrationBuilder.CreateIndex("ix_payments_payouts_operator", n.Table("payouts"), ["operator_id", "id"], n.Schema);

        migrationBuilder.CreateEventBusTablesV1("payments");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "payments");
        migrationBuilder.DropEventBusTablesV1("payments");
        migrationBuilder.DropTable(n.Table("payouts"), n.Schema);
        migrationBuilder.DropTable(n.Table("ledger_entries"), n.Schema);
        migrationBuilder.DropTable(n.Table("webhook_receipts"), n.Schema);
        migrationBuilder.DropTable(n.Table("refunds"), n.Schema);
        migrationBuilder.DropTable(n.Table("payments"), n.Schema);
    }
}
