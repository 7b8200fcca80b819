using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Payments.Data;

/// <summary>The Payments module's tables. Only this module reads or writes them.</summary>
internal sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Payments";

    public override string ModuleName => "payments";

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<Payout> Payouts => Set<Payout>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Payment>(e =>
        {
            e.ToTable("payments");
            e.HasKey(p => p.Id).HasName("pk_payments_payments");
            e.Property(p => p.BookingReference).HasMaxLength(32);
            e.Property(p => p.CustomerEmail).HasMaxLength(254);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.Property(p => p.Provider).HasMaxLength(Payment.ProviderMaxLength);
            e.Property(p => p.ProviderPaymentId).HasMaxLength(200);
            e.Property(p => p.RedirectUrl).HasMaxLength(2000);
            e.Property(p => p.ConfirmationToken).HasMaxLength(500);
            e.Property(p => p.Status).HasMaxLength(16);
            e.Property(p => p.FailureCode).HasMaxLength(100);
            // One payment per booking: concurrent starts collide here and the loser answers with the winner.
            e.HasIndex(p => p.BookingId).IsUnique().HasDatabaseName("ix_payments_payments_booking");
            e.HasIndex(p => new { p.Provider, p.ProviderPaymentId }).HasDatabaseName("ix_payments_payments_provider_id");
            // Reconciliation: pending payments whose hold is over, oldest first.
            e.HasIndex(p => new { p.Status, p.PayBy }).HasDatabaseName("ix_payments_payments_status_pay_by");
        });

        modelBuilder.Entity<Refund>(e =>
        {
            e.ToTable("refunds");
            e.HasKey(r => r.Id).HasName("pk_payments_refunds");
            e.Property(r => r.Currency).HasMaxLength(3);
            e.Property(r => r.Status).HasMaxLength(16);
            e.Property(r => r.Reason).HasMaxLength(Refund.ReasonMaxLength);
            e.Property(r => r.IdempotencyKey).HasMaxLength(Refund.KeyMaxLength);
            e.Property(r => r.ProviderRefundId).HasMaxLength(200);
            e.HasIndex(r => r.IdempotencyKey).IsUnique().HasDatabaseName("ix_payments_refunds_key");
            e.HasIndex(r => new { r.PaymentId, r.Id }).HasDatabaseName("ix_payments_refunds_payment");
            e.HasIndex(r => new { r.Status, r.UpdatedAt }).HasDatabaseName("ix_payments_refunds_status");
        });

        modelBuilder.Entity<WebhookReceipt>(e =>
        {
            e.ToTable("webhook_receipts");
            e.HasKey(w => w.Id).HasName("pk_payments_webhook_receipts");
            e.Property(w => w.Provider).HasMaxLength(Payment.ProviderMaxLength);
            e.Property(w => w.ProviderEventId).HasMaxLength(WebhookReceipt.EventIdMaxLength);
            e.Property(w => w.Kind).HasMaxLength(16);
            e.Property(w => w.Outcome).HasMaxLength(32);
            e.HasIndex(w => new { w.Provider, w.ProviderEventId }).IsUnique().HasDatabaseName("ix_payments_webhook_receipts_event");
        });

        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("ledger_entries");
            e.HasKey(l => l.Id).HasName("pk_payments_ledger_entries");
            e.Property(l => l.Account).HasMaxLength(16);
            e.Property(l => l.Kind).HasMaxLength(16);
            e.Property(l => l.Currency).HasMaxLength(3);
            e.HasIndex(l => l.BookingId).HasDatabaseName("ix_payments_ledger_booking");
            // Balances and the payout run: an operator's unpaid entries by time.
            e.HasIndex(l => new { l.OperatorId, l.Account, l.PayoutId, l.OccurredAt }).HasDatabaseName("ix_payments_ledger_operator");
            // An agent's balance and payouts.
            e.HasIndex(l => new { l.AgentId, l.Account, l.PayoutId, l.OccurredAt }).HasDatabaseName("ix_payments_ledger_agent");
            e.HasIndex(l => new { l.AgencyId, l.Account, l.PayoutId, l.OccurredAt }).HasDatabaseName("ix_payments_ledger_agency");
        });

        modelBuilder.Entity<Payout>(e =>
        {
            e.ToTable("payouts");
            e.HasKey(p => p.Id).HasName("pk_payments_payouts");
            e.Property(p => p.Currency).HasMaxLength(3);
            e.HasIndex(p => new { p.OperatorId, p.Id }).HasDatabaseName("ix_payments_payouts_operator");
            e.HasIndex(p => new { p.AgentId, p.Id }).HasDatabaseName("ix_payments_payouts_agent");
            e.HasIndex(p => new { p.AgencyId, p.Id }).HasDatabaseName("ix_payments_payouts_agency");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
