using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>
/// Conversations, their participants and messages (ADR 0019). On PostgreSQL the messages table is partitioned by month
/// of created_at; its partitions are created ahead by MessagePartitions (and on demand by the first insert of a month
/// without one). On SQLite it is a plain table.
/// </summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261207010000_Conversations")]
internal sealed class Conversations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        migrationBuilder.CreateTable(
            name: n.Table("conversations"),
            schema: n.Schema,
            columns: t => new
            {
                booking_id = t.Column<Guid>(nullable: false),
                customer_id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
                guide_id = t.Column<Guid>(nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                last_message_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_engagement_conversations", x => x.booking_id));
        migrationBuilder.CreateIndex("ix_engagement_conversations_customer", n.Table("conversations"), ["customer_id", "last_message_at"], n.Schema);
        migrationBuilder.CreateIndex("ix_engagement_conversations_operator", n.Table("conversations"), ["operator_id", "last_message_at"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("conversation_participants"),
            schema: n.Schema,
            columns: t => new
            {
                booking_id = t.Column<Guid>(nullable: false),
                party = t.Column<string>(maxLength: 16, nullable: false),
                read_up_to = t.Column<Guid>(nullable: true),
                read_at = t.Column<DateTime>(nullable: true),
                notified_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_engagement_conversation_participants", x => new { x.booking_id, x.party }));

        if (n.IsPostgres)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE {n.Quoted("messages")} (
                    id uuid NOT NULL,
                    booking_id uuid NOT NULL,
                    sender_id uuid NOT NULL,
                    sender_party character varying(16) NOT NULL,
                    text character varying({Message.TextMaxLength}) NOT NULL,
                    created_at timestamp with time zone NOT NULL,
                    CONSTRAINT pk_engagement_messages PRIMARY KEY (id, created_at)
                ) PARTITION BY RANGE (created_at);
                CREATE INDEX ix_engagement_messages_booking ON {n.Quoted("messages")} (booking_id, id);
                """);
        }
        else
        {
            migrationBuilder.CreateTable(
                name: n.Table("messages"),
                schema: n.Schema,
                columns: t => new
                {
                    id = t.Column<Guid>(nullable: false),
                    booking_id = t.Column<Guid>(nullable: false),
                    sender_id = t.Column<Guid>(nullable: false),
                    sender_party = t.Column<string>(maxLength: 16, nullable: false),
                    text = t.Column<string>(maxLength: Message.TextMaxLength, nullable: false),
                    created_at = t.Column<DateTime>(nullable: false),
                },
                constraints: t => t.PrimaryKey("pk_engagement_messages", x => new { x.id, x.created_at }));
            migrationBuilder.CreateIndex("ix_engagement_messages_booking", n.Table("messages"), ["booking_id", "id"], n.Schema);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        // On PostgreSQL dropping the partitioned table drops its partitions.
        migrationBuilder.DropTable(n.Table("messages"), n.Schema);
        migrationBuilder.DropTable(n.Table("conversation_participants"), n.Schema);
        migrationBuilder.DropTable(n.Table("conversations"), n.Schema);
    }
}
