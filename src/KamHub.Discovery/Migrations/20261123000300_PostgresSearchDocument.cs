using KamHub.Core.Migrations;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>
/// PostgreSQL: the tour's text-search document becomes a stored generated column with the GIN index on it, so
/// ranking a common word's tens of thousands of matches reads stored vectors instead of re-parsing every tour's text.
/// SQLite keeps its FTS5 table: nothing to do there.
/// </summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261123000300_PostgresSearchDocument")]
internal sealed class PostgresSearchDocument : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        if (n.IsSqlite) return;
        var tours = n.Quoted("tours");
        migrationBuilder.Sql($"DROP INDEX IF EXISTS \"discovery\".ix_discovery_tours_fts;");
        migrationBuilder.Sql(
            $"ALTER TABLE {tours} ADD COLUMN {TourFullText.PostgresColumn} tsvector GENERATED ALWAYS AS ({TourFullText.PostgresDocument}) STORED;");
        migrationBuilder.Sql($"CREATE INDEX ix_discovery_tours_fts ON {tours} USING GIN ({TourFullText.PostgresColumn});");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        if (n.IsSqlite) return;
        var tours = n.Quoted("tours");
        migrationBuilder.Sql($"DROP INDEX IF EXISTS \"discovery\".ix_discovery_tours_fts;");
        migrationBuilder.Sql($"ALTER TABLE {tours} DROP COLUMN IF EXISTS {TourFullText.PostgresColumn};");
        migrationBuilder.Sql($"CREATE INDEX ix_discovery_tours_fts ON {tours} USING GIN ({TourFullText.PostgresDocument});");
    }
}
