using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Notifications.Data;

/// <summary>The Notifications module's tables. Only this module reads or writes them.</summary>
internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Notifications";

    public override string ModuleName => "notifications";

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<DeliveryKey> DeliveryKeys => Set<DeliveryKey>();

    public DbSet<UserPreferences> Preferences => Set<UserPreferences>();

    public DbSet<PushDevice> Devices => Set<PushDevice>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Delivery>(e =>
        {
            e.ToTable("deliveries");
            // The partition key must be part of a partitioned table's primary key (PostgreSQL).
            e.HasKey(d => new { d.Id, d.CreatedAt }).HasName("pk_notifications_deliveries");
            e.Property(d => d.Channel).HasMaxLength(ChannelNames.MaxLength);
            e.Property(d => d.Category).HasMaxLength(16);
            e.Property(d => d.Type).HasMaxLength(40);
            e.Property(d => d.NotificationKey).HasMaxLength(Delivery.KeyMaxLength);
            e.Property(d => d.Recipient).HasMaxLength(Delivery.RecipientMaxLength);
            e.Property(d => d.Language).HasMaxLength(8);
            e.Property(d => d.TimeZone).HasMaxLength(64);
            e.Property(d => d.Status).HasMaxLength(DeliveryStatus.MaxLength);
            e.Property(d => d.Provider).HasMaxLength(32);
            e.Property(d => d.ProviderMessageId).HasMaxLength(200);
            e.Property(d => d.LastError).HasMaxLength(Delivery.LastErrorMaxLength);
            // The worker's scan: due rows of the waiting statuses.
            e.HasIndex(d => new { d.Status, d.NotBefore }).HasDatabaseName("ix_notifications_deliveries_due");
            e.HasIndex(d => d.LeaseToken).HasDatabaseName("ix_notifications_deliveries_lease");
            // The admin list by recipient, newest first.
            e.HasIndex(d => new { d.Recipient, d.Id }).HasDatabaseName("ix_notifications_deliveries_recipient");
            // Reminders to move or drop when a booking or departure changes.
            e.HasIndex(d => d.BookingId).HasDatabaseName("ix_notifications_deliveries_booking");
            e.HasIndex(d => d.DepartureId).HasDatabaseName("ix_notifications_deliveries_departure");
        });

        modelBuilder.Entity<DeliveryKey>(e =>
        {
            e.ToTable("delivery_keys");
            e.HasKey(k => new { k.Recipient, k.NotificationKey }).HasName("pk_notifications_delivery_keys");
            e.Property(k => k.Recipient).HasMaxLength(Delivery.RecipientMaxLength);
            e.Property(k => k.NotificationKey).HasMaxLength(Delivery.KeyMaxLength);
            e.HasIndex(k => k.CreatedAt).HasDatabaseName("ix_notifications_delivery_keys_created_at");
        });

        modelBuilder.Entity<UserPreferences>(e =>
        {
            e.ToTable("preferences");
            e.HasKey(p => p.UserId).HasName("pk_notifications_preferences");
            e.Property(p => p.UserId).ValueGeneratedNever();
            e.Property(p => p.Language).HasMaxLength(8);
            e.Property(p => p.TimeZone).HasMaxLength(64);
            e.Property(p => p.Phone).HasMaxLength(32);
            e.Property(p => p.QuietHoursStart).HasMaxLength(5);
            e.Property(p => p.QuietHoursEnd).HasMaxLength(5);
            e.Property(p => p.OptOuts).HasMaxLength(UserPreferences.OptOutsMaxLength);
        });

        modelBuilder.Entity<PushDevice>(e =>
        {
            e.ToTable("devices");
            e.HasKey(d => d.Id).HasName("pk_notifications_devices");
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.Platform).HasMaxLength(PushPlatforms.MaxLength);
            e.Property(d => d.Token).HasMaxLength(PushDevice.TokenMaxLength);
            e.Property(d => d.DeactivationReason).HasMaxLength(PushDevice.ReasonMaxLength);
            // Registering the same token again is idempotent per user.
            e.HasIndex(d => new { d.UserId, d.Token }).IsUnique().HasDatabaseName("ux_notifications_devices_user_token");
            // Deactivation by the token a provider refused; the send-time check by token.
            e.HasIndex(d => d.Token).HasDatabaseName("ix_notifications_devices_token");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
