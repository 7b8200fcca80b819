using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace KamHub.Core.Events;

/// <summary>
/// The event tables for a module's hand-written migration (ADR 0002, 0004). Frozen once shipped: migration
/// checksums hash the SQL these produce, so a later schema change is a new method (V2) called by a new migration.
/// </summary>
public static class EventBusMigration
{
    public static void CreateEventBusTablesV1(this MigrationBuilder migrationBuilder, string module)
    {
        var n = new ModuleMigrationNames(migrationBuilder, module);
        n.EnsureSchema();
        var outbox = n.Table(EventBusModel.OutboxTable);
        var deliveries = n.Table(EventBusModel.DeliveriesTable);
        var inbox = n.Table(EventBusModel.InboxTable);

        migrationBuilder.CreateTable(
            name: outbox,
            schema: n.Schema,
            columns: t => new
            {
                position = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                id = t.Column<Guid>(nullable: false),
                type = t.Column<string>(maxLength: OutboxEvent.TypeMaxLength, nullable: false),
                version = t.Column<int>(nullable: false),
                aggregate_id = t.Column<string>(maxLength: OutboxEvent.AggregateIdMaxLength, nullable: false),
                occurred_at = t.Column<DateTime>(nullable: false),
                correlation_id = t.Column<string>(maxLength: OutboxEvent.CorrelationIdMaxLength, nullable: false),
                causation_id = t.Column<Guid>(nullable: true),
                payload = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey($"pk_{module}_outbox_events", x => x.position);
                t.UniqueConstraint($"ak_{module}_outbox_events_id", x => x.id);
            });
        migrationBuilder.CreateIndex($"ix_{module}_outbox_events_type", outbox, ["type", "position"], n.Schema);
        migrationBuilder.CreateIndex($"ix_{module}_outbox_events_aggregate_id", outbox, "aggregate_id", n.Schema);
        migrationBuilder.CreateIndex($"ix_{module}_outbox_events_correlation_id", outbox, "correlation_id", n.Schema);
        migrationBuilder.CreateIndex($"ix_{module}_outbox_events_occurred_at", outbox, "occurred_at", n.Schema);

        migrationBuilder.CreateTable(
            name: deliveries,
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                event_id = t.Column<Guid>(nullable: false),
                subscriber = t.Column<string>(maxLength: EventDelivery.SubscriberMaxLength, nullable: false),
                aggregate_id = t.Column<string>(maxLength: OutboxEvent.AggregateIdMaxLength, nullable: false),
                event_type = t.Column<string>(maxLength: OutboxEvent.TypeMaxLength, nullable: false),
                replay_id = t.Column<Guid>(nullable: false),
                status = t.Column<string>(maxLength: DeliveryStatus.MaxLength, nullable: false),
                attempts = t.Column<int>(nullable: false),
                next_attempt_at = t.Column<DateTime>(nullable: false),
                lease_owner = t.Column<string>(maxLength: EventDelivery.LeaseOwnerMaxLength, nullable: true),
                lease_until = t.Column<DateTime>(nullable: true),
                last_error = t.Column<string>(maxLength: EventDelivery.LastErrorMaxLength, nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                completed_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey($"pk_{module}_event_deliveries", x => x.id);
                t.ForeignKey($"fk_{module}_event_deliveries_event_id", x => x.event_id, outbox, "id", n.Schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"ix_{module}_event_deliveries_event_subscriber", deliveries, ["event_id", "subscriber", "replay_id"], n.Schema, unique: true);
        migrationBuilder.CreateIndex($"ix_{module}_event_deliveries_stream", deliveries, ["subscriber", "aggregate_id", "status", "id"], n.Schema);
        migrationBuilder.CreateIndex($"ix_{module}_event_deliveries_status", deliveries, ["status", "id"], n.Schema);

        migrationBuilder.CreateTable(
            name: inbox,
            schema: n.Schema,
            columns: t => new
            {
                subscriber = t.Column<string>(maxLength: EventDelivery.SubscriberMaxLength, nullable: false),
                event_id = t.Column<Guid>(nullable: false),
                replay_id = t.Column<Guid>(nullable: false),
                handled_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey($"pk_{module}_event_inbox", x => new { x.subscriber, x.event_id, x.replay_id }));
        migrationBuilder.CreateIndex($"ix_{module}_event_inbox_handled_at", inbox, "handled_at", n.Schema);
    }

    public static void DropEventBusTablesV1(this MigrationBuilder migrationBuilder, string module)
    {
        var n = new ModuleMigrationNames(migrationBuilder, module);
        migrationBuilder.DropTable(n.Table(EventBusModel.InboxTable), n.Schema);
        migrationBuilder.DropTable(n.Table(EventBusModel.DeliveriesTable), n.Schema);
        migrationBuilder.DropTable(n.Table(EventBusModel.OutboxTable), n.Schema);
    }
}
