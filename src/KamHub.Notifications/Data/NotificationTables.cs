using Microsoft.EntityFrameworkCore;

namespace KamHub.Notifications.Data;

/// <summary>Quoted physical table names for the few raw SQL statements (schema on PostgreSQL, prefix on SQLite).</summary>
internal static class NotificationTables
{
    public static string Quoted(DbContext db, string table) =>
        db.Database.IsSqlite() ? $"\"notifications_{table}\"" : $"\"notifications\".\"{table}\"";
}
