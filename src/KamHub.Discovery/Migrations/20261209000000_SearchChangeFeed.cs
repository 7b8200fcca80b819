using KamHub.Core.Migrations;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>
/// The change feed of the in-process search index (ADR 0026): every write to a tour or a departure appends the tour's
/// id to <c>search_changes</c> in the writer's transaction. Triggers, so raw SQL, COPY and data moves are seen too.
/// PostgreSQL: statement triggers with transition tables (one row per tour and statement, so a COPY of 5,000 tours is
/// one INSERT … SELECT), each row stamped with its transaction id, which the reader compares with its snapshot's
/// oldest running transaction so a change committed late is never skipped. SQLite: row triggers; the single writer
/// makes the rowid order the commit order.
/// </summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261209000000_SearchChangeFeed")]
internal sealed class SearchChangeFeed : Migration
{
    private static readonly (string Table, string TourColumn, string Kind)[] Sources = [("tours", "id", "t"), ("departures", "tour_id", "d")];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        var feed = n.Quoted("search_changes");
        if (n.IsSqlite)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE {feed} (id INTEGER PRIMARY KEY AUTOINCREMENT, tour_id TEXT NOT NULL, kind TEXT NOT NULL,
                    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')));
                """);
            migrationBuilder.Sql($"CREATE INDEX ix_discovery_search_changes_changed_at ON {feed} (changed_at);");
            foreach (var (table, column, kind) in Sources)
            {
                foreach (var (op, row) in new[] { ("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD") })
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER discovery_search_changes_{table}_{op.ToLowerInvariant()} AFTER {op} ON {n.Quoted(table)}
                        BEGIN INSERT INTO {feed} (tour_id, kind) VALUES ({row}.{column}, '{kind}'); END;
                        """);
            }

            return;
        }

        migrationBuilder.Sql($"""
            CREATE TABLE {feed} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tour_id uuid NOT NULL, kind char(1) NOT NULL,
                xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint), changed_at timestamptz NOT NULL DEFAULT now());
            """);
        migrationBuilder.Sql($"CREATE INDEX ix_discovery_search_changes_xid ON {feed} (xid);");
        migrationBuilder.Sql($"CREATE INDEX ix_discovery_search_changes_changed_at ON {feed} (changed_at);");
        foreach (var (table, column, kind) in Sources)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION "discovery".search_changes_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        INSERT INTO {feed} (tour_id, kind) SELECT DISTINCT {column}, '{kind}' FROM old_rows;
                    ELSE
                        INSERT INTO {feed} (tour_id, kind) SELECT DISTINCT {column}, '{kind}' FROM new_rows;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var (op, transition) in new[] { ("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "NEW TABLE AS new_rows"), ("DELETE", "OLD TABLE AS old_rows") })
                migrationBuilder.Sql($"""
                    CREATE TRIGGER search_changes_{op.ToLowerInvariant()} AFTER {op} ON {n.Quoted(table)} REFERENCING {transition}
                    FOR EACH STATEMENT EXECUTE FUNCTION "discovery".search_changes_{table}();
                    """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        foreach (var (table, _, _) in Sources)
        {
            foreach (var op in new[] { "insert", "update", "delete" })
                migrationBuilder.Sql(n.IsSqlite
                    ? $"DROP TRIGGER IF EXISTS discovery_search_changes_{table}_{op};"
                    : $"DROP TRIGGER IF EXISTS search_changes_{op} ON {n.Quoted(table)};");
            if (n.IsPostgres) migrationBuilder.Sql($"DROP FUNCTION IF EXISTS \"discovery\".search_changes_{table}();");
        }

        migrationBuilder.Sql($"DROP TABLE IF EXISTS {n.Quoted("search_changes")};");
    }
}
