using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Events;

/// <summary>
/// The event tables every publishing or subscribing module keeps in its own database (outbox, deliveries, inbox).
/// Names are repeated verbatim by <see cref="EventBusMigration"/>; the module prefix/schema is added by ModuleDbContext.
/// </summary>
public static class EventBusModel
{
    public const string OutboxTable = "outbox_events";
    public const string DeliveriesTable = "event_deliveries";
    public const string InboxTable = "event_inbox";

    /// <summary>Call from a module's <c>ConfigureModel</c>; the module also needs a migration calling <see cref="EventBusMigration.CreateEventBusTablesV1"/>.</summary>
    public static ModelBuilder AddEventBusTables(this ModelBuilder modelBuilder, string module)
    {
        modelBuilder.Entity<OutboxEvent>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(x => x.Position).HasName($"pk_{module}_outbox_events");
            e.Property(x => x.Position).ValueGeneratedOnAdd();
            e.Property(x => x.Type).HasMaxLength(OutboxEvent.TypeMaxLength);
            e.Property(x => x.AggregateId).HasMaxLength(OutboxEvent.AggregateIdMaxLength);
            e.Property(x => x.CorrelationId).HasMaxLength(OutboxEvent.CorrelationIdMaxLength);
            e.HasAlternateKey(x => x.Id).HasName($"ak_{module}_outbox_events_id");
            e.HasIndex(x => new { x.Type, x.Position }).HasDatabaseName($"ix_{module}_outbox_events_type");
            e.HasIndex(x => x.AggregateId).HasDatabaseName($"ix_{module}_outbox_events_aggregate_id");
            e.HasIndex(x => x.CorrelationId).HasDatabaseName($"ix_{module}_outbox_events_correlation_id");
            e.HasIndex(x => x.OccurredAt).HasDatabaseName($"ix_{module}_outbox_events_occurred_at");
        });

        modelBuilder.Entity<EventDelivery>(e =>
        {
            e.ToTable(DeliveriesTable);
            e.HasKey(x => x.Id).HasName($"pk_{module}_event_deliveries");
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Subscriber).HasMaxLength(EventDelivery.SubscriberMaxLength);
            e.Property(x => x.AggregateId).HasMaxLength(OutboxEvent.AggregateIdMaxLength);
            e.Property(x => x.EventType).HasMaxLength(OutboxEvent.TypeMaxLength);
            e.Property(x => x.Status).HasMaxLength(DeliveryStatus.MaxLength);
            e.Property(x => x.LeaseOwner).HasMaxLength(EventDelivery.LeaseOwnerMaxLength);
            e.Property(x => x.LastError).HasMaxLength(EventDelivery.LastErrorMaxLength);
            e.HasOne<OutboxEvent>().WithMany().HasForeignKey(x => x.EventId).HasPrincipalKey(x => x.Id)
                .HasConstraintName($"fk_{module}_event_deliveries_event_id").OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.EventId, x.Subscriber, x.ReplayId }).IsUnique().HasDatabaseName($"ix_{module}_event_deliveries_event_subscriber");
            e.HasIndex(x => new { x.Subscriber, x.AggregateId, x.Status, x.Id }).HasDatabaseName($"ix_{module}_event_deliveries_stream");
            // Claims scan pending rows in id order; history keeps done rows, so the scan must not walk them.
            e.HasIndex(x => new { x.Status, x.Id }).HasDatabaseName($"ix_{module}_event_deliveries_status");
        });

        modelBuilder.Entity<InboxEntry>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(x => new { x.Subscriber, x.EventId, x.ReplayId }).HasName($"pk_{module}_event_inbox");
            e.Property(x => x.Subscriber).HasMaxLength(EventDelivery.SubscriberMaxLength);
            e.HasIndex(x => x.HandledAt).HasDatabaseName($"ix_{module}_event_inbox_handled_at");
        });
        return modelBuilder;
    }
}
