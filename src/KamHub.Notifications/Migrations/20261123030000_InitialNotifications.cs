using KamHub.Core.Events;
using KamHub.Core.Migrations;
using KamHub.Notifications.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Notifications.Migrations;

/// <summary>
/// The delivery log/queue, its at-most-once keys, preferences and the inbox (ADR 0008). Hand-written for both
/// providers (ADR 0002). On PostgreSQL the delivery log is partitioned by month; partitions are made by a function
/// the maintenance job calls too, so this migration's SQL holds no date and its checksum stays stable.
/// </summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261123030000_InitialNotifications")]
internal sealed class InitialNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "notifications");
        n.EnsureSchema();
        if (n.IsSqlite) CreateDeliveriesSqlite(migrationBuilder, n);
        else CreateDeliveriesPostgres(migrationBuilder);

        var deliveries = n.Table("deliveries");
        migrationBuilder.CreateIndex("ix_notifications_deliveries_due", deliveries, ["status", "not_before"], n.Schema);
        migrationBuilder.CreateIndex("ix_notifications_deliveries_lease", deliveries, "lease_token", n.Schema);
        migrationBuilder.CreateIndex("ix_notifications_deliveries_recipient", deliveries, ["recipient", "id"], n.Schema);
        migrationBuilder.CreateIndex("ix_notifications_deliveries_booking", deliveries, "booking_id", n.Schema);
        migrationBuilder.CreateIndex("ix_notifications_deliveries_departure", deliveries, "departure_id", n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("delivery_keys"),
            schema: n.Schema,
            columns: t => new
            {
                recipient = t.Column<string>(maxLength: Delivery.RecipientMaxLength, nullable: false),
                notification_key = t.Column<string>(maxLength: Delivery.KeyMaxLength, nullable: false),
                delivery_id = t.Column<Guid>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_notifications_delivery_keys", x => new { x.recipient, x.notification_key }));
        migrationBuilder.CreateIndex("ix_notifications_delivery_keys_created_at", n.Table("delivery_keys"), "created_at", n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("preferences"),
            schema: n.Schema,
            columns: t => new
            {
                user_id = t.Column<Guid>(nullable: false),
                language = t.Column<string>(maxLength: 8, nullable: true),
                time_zone = t.Column<string>(maxLength: 64, nullable: true),
                phone = t.Column<string>(maxLength: 32, nullable: true),
                quiet_hours_start = t.Column<string>(maxLength: 5, nullable: true),
                quiet_hours_end = t.Column<string>(maxLength: 5, nullable: true),
                opt_outs = t.Column<string>(maxLength: UserPreferences.OptOutsMaxLength, nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_notifications_preferences", x => x.user_id));

        migrationBuilder.CreateEventBusTablesV1("notifications");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "notifications");
        migrationBuilder.DropEventBusTablesV1("notifications");
        migrationBuilder.DropTable(n.Table("preferences"), n.Schema);
        migrationBuilder.DropTable(n.Table("delivery_keys"), n.Schema);
        migrationBuilder.DropTable(n.Table("deliveries"), n.Schema);
        if (n.IsPostgres) migrationBuilder.Sql("DROP FUNCTION IF EXISTS notifications.ensure_delivery_partitions(date, integer);");
    }

    private static void CreateDeliveriesSqlite(MigrationBuilder migrationBuilder, ModuleMigrationNames n) =>
        migrationBuilder.CreateTable(
            name: n.Table("deliveries"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                channel = t.Column<string>(maxLength: ChannelNames.MaxLength, nullable: false),
                category = t.Column<string>(maxLength: 16, nullable: false),
                type = t.Column<string>(maxLength: 40, nullable: false),
                notification_key = t.Column<string>(maxLength: Delivery.KeyMaxLength, nullable: false),
                recipient = t.Column<string>(maxLength: Delivery.RecipientMaxLength, nullable: false),
                recipient_user_id = t.Column<Guid>(nullable: true),
                language = t.Column<string>(maxLength: 8, nullable: false),
                time_zone = t.Column<string>(maxLength: 64, nullable: false),
                model = t.Column<string>(nullable: false),
                status = t.Column<string>(maxLength: DeliveryStatus.MaxLength, nullable: false),
                attempts = t.Column<int>(nullable: false),
                not_before = t.Column<DateTime>(nullable: false),
                lease_token = t.Column<Guid>(nullable: true),
                provider = t.Column<string>(maxLength: 32, nullable: true),
                provider_message_id = t.Column<string>(maxLength: 200, nullable: true),
                last_error = t.Column<string>(maxLength: Delivery.LastErrorMaxLength, nullable: true),
                sent_at = t.Column<DateTime>(nullable: true),
                booking_id = t.Column<Guid>(nullable: true),
                departure_id = t.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_notifications_deliveries", x => new { x.id, x.created_at }));

    /// <summary>EF cannot declare a partitioned table, so the parent is plain SQL; the current and next month come with it.</summary>
    private static void CreateDeliveriesPostgres(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE notifications.deliveries (
                id uuid NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                channel character varying(8) NOT NULL,
                category character varying(16) NOT NULL,
                type character varying(40) NOT NULL,
                notification_key character varying(200) NOT NULL,
                recipient character varying(320) NOT NULL,
                recipient_user_id uuid NULL,
                language character varying(8) NOT NULL,
                time_zone character varying(64) NOT NULL,
                model text NOT NULL,
                status character varying(16) NOT NULL,
                attempts integer NOT NULL,
                not_before timestamp with time zone NOT NULL,
                lease_token uuid NULL,
                provider character varying(32) NULL,
                provider_message_id character varying(200) NULL,
                last_error character varying(2000) NULL,
                sent_at timestamp with time zone NULL,
                booking_id uuid NULL,
                departure_id uuid NULL,
                CONSTRAINT pk_notifications_deliveries PRIMARY KEY (id, created_at)
            ) PARTITION BY RANGE (created_at);
            """);
        // Rows of a month without its partition land in the default one instead of failing the insert (a clock far
        // ahead, maintenance that could not run); the function moves them into the month's partition when it makes it.
        migrationBuilder.Sql("CREATE TABLE notifications.deliveries_default PARTITION OF notifications.deliveries DEFAULT;");
        migrationBuilder.Sql("""
            CREATE FUNCTION notifications.ensure_delivery_partitions(from_month date, months_ahead integer) RETURNS integer
            LANGUAGE plpgsql AS $fn$
            DECLARE
                month_start date;
                partition_name text;
                range_from timestamp with time zone;
                range_to timestamp with time zone;
                created integer := 0;
            BEGIN
                -- Instances starting together would race to create the same partition.
                PERFORM pg_advisory_xact_lock(hashtext('notifications.ensure_delivery_partitions'));
                FOR i IN 0..months_ahead LOOP
                    month_start := (date_trunc('month', from_month) + make_interval(months => i))::date;
                    partition_name := 'deliveries_' || to_char(month_start, 'YYYY_MM');
                    range_from := month_start::timestamp AT TIME ZONE 'UTC';
                    range_to := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
                    IF to_regclass(format('notifications.%I', partition_name)) IS NULL THEN
                        EXECUTE format('CREATE TABLE notifications.%I (LIKE notifications.deliveries INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
                        EXECUTE format('WITH moved AS (DELETE FROM notifications.deliveries_default WHERE created_at >= %L AND created_at < %L RETURNING *) '
                            'INSERT INTO notifications.%I SELECT * FROM moved', range_from, range_to, partition_name);
                        EXECUTE format('ALTER TABLE notifications.deliveries ATTACH PARTITION notifications.%I FOR VALUES FROM (%L) TO (%L)',
                            partition_name, range_from, range_to);
                        created := created + 1;
                    END IF;
                END LOOP;
                RETURN created;
            END
            $fn$;
            """);
        migrationBuilder.Sql("SELECT notifications.ensure_delivery_partitions((now() AT TIME ZONE 'UTC')::date, 1);");
    }
}
