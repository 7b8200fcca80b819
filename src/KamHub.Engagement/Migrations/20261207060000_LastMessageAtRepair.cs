using KamHub.Core.Migrations;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Engagement.Migrations;

/// <summary>
/// Before this release, two posts to one conversation committing out of order could leave its <c>last_message_at</c>
/// older than its newest message. The message list now reads no further than it (ConversationWindow), so such a
/// conversation is raised to its newest message once here. Both providers; a no-op where nothing is behind.
/// </summary>
[DbContext(typeof(EngagementDbContext))]
[Migration("20261207060000_LastMessageAtRepair")]
internal sealed class LastMessageAtRepair : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "engagement");
        var (conversations, messages) = (n.Quoted("conversations"), n.Quoted("messages"));
        migrationBuilder.Sql($"""
            UPDATE {conversations} SET last_message_at = newest.created_at
            FROM (SELECT booking_id, MAX(created_at) AS created_at FROM {messages} GROUP BY booking_id) AS newest
            WHERE {conversations}.booking_id = newest.booking_id
              AND ({conversations}.last_message_at IS NULL OR {conversations}.last_message_at < newest.created_at)
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Nothing to undo: the raised values are the true ones.
    }
}
