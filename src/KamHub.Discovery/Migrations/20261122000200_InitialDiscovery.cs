using KamHub.Core.Migrations;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>Operators and tours, their search indexes, and the provider's full-text index (FTS5 table or tsvector GIN).</summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261122000200_InitialDiscovery")]
internal sealed class InitialDiscovery : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        n.EnsureSchema();

        migrationBuilder.CreateTable(
            name: n.Table("operators"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                name = t.Column<string>(maxLength: 200, nullable: false),
                slug = t.Column<string>(maxLength: 100, nullable: false),
                region = t.Column<string>(maxLength: 100, nullable: false),
                description = t.Column<string>(maxLength: 4000, nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_discovery_operators", x => x.id));
        migrationBuilder.CreateIndex("ix_discovery_operators_slug", n.Table("operators"), "slug", n.Schema, unique: true);

        migrationBuilder.CreateTable(
            name: n.Table("tours"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                slug = t.Column<string>(maxLength: 120, nullable: false),
                title_ru = t.Column<string>(maxLength: TourLimits.Title, nullable: false),
                title_en = t.Column<string>(maxLength: TourLimits.Title, nullable: false),
                description_ru = t.Column<string>(maxLength: TourLimits.Description, nullable: true),
                description_en = t.Column<string>(maxLength: TourLimits.Description, nullable: true),
                region = t.Column<string>(maxLength: TourLimits.Region, nullable: false),
                meeting_lat = t.Column<double>(nullable: true),
                meeting_lon = t.Column<double>(nullable: true),
                duration_minutes = t.Column<int>(nullable: false),
                base_price_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                max_group_size = t.Column<int>(nullable: false),
                difficulty = t.Column<string>(maxLength: 16, nullable: false),
                tags = t.Column<string>(maxLength: 1000, nullable: false),
                season_from_month = t.Column<int>(nullable: true),
                season_to_month = t.Column<int>(nullable: true),
                photos = t.Column<string>(maxLength: 12000, nullable: false),
                status = t.Column<string>(maxLength: 16, nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_discovery_tours", x => x.id));

        var tours = n.Table("tours");
        migrationBuilder.CreateIndex("ix_discovery_tours_slug", tours, "slug", n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_discovery_tours_status_created_at", tours, ["status", "created_at", "id"], n.Schema);
        migrationBuilder.CreateIndex("ix_discovery_tours_status_price", tours, ["status", "base_price_minor", "id"], n.Schema);
        migrationBuilder.CreateIndex("ix_discovery_tours_status_duration", tours, ["status", "duration_minutes", "id"], n.Schema);
        migrationBuilder.CreateIndex("ix_discovery_tours_region", tours, "region", n.Schema);
        migrationBuilder.CreateIndex("ix_discovery_tours_operator_id", tours, "operator_id", n.Schema);
        migrationBuilder.CreateIndex("ix_discovery_tours_meeting_point", tours, ["meeting_lat", "meeting_lon"], n.Schema);

        if (n.IsSqlite) CreateSqliteFullText(migrationBuilder, n);
        else migrationBuilder.Sql($"CREATE INDEX ix_discovery_tours_fts ON {n.Quoted("tours")} USING GIN ({TourFullText.PostgresDocument});");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        if (n.IsSqlite)
        {
            foreach (var trigger in new[] { "ai", "au", "ad" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {TourFullText.SqliteTable}_{trigger};");
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {TourFullText.SqliteTable};");
        }

        migrationBuilder.DropTable(n.Table("tours"), n.Schema);
        migrationBuilder.DropTable(n.Table("operators"), n.Schema);
    }

    /// <summary>
    /// A standalone FTS5 table keyed by the tour's rowid (so triggers delete by rowid, not by scanning) that also
    /// carries the tour id to join on. Triggers keep it in step with every insert, update and delete.
    /// </summary>
    private static void CreateSqliteFullText(MigrationBuilder migrationBuilder, ModuleMigrationNames n)
    {
        var fts = TourFullText.SqliteTable;
        var tours = n.Quoted("tours");
        const string columns = "tour_id, title_ru, title_en, description_ru, description_en, tags";
        const string values = "new.id, new.title_ru, new.title_en, new.description_ru, new.description_en, new.tags";
        migrationBuilder.Sql(
            $"CREATE VIRTUAL TABLE {fts} USING fts5(tour_id UNINDEXED, title_ru, title_en, description_ru, description_en, tags, tokenize = 'unicode61 remove_diacritics 2');");
        migrationBuilder.Sql($"CREATE TRIGGER {fts}_ai AFTER INSERT ON {tours} BEGIN INSERT INTO {fts} (rowid, {columns}) VALUES (new.rowid, {values}); END;");
        migrationBuilder.Sql($"CREATE TRIGGER {fts}_ad AFTER DELETE ON {tours} BEGIN DELETE FROM {fts} WHERE rowid = old.rowid; END;");
        migrationBuilder.Sql(
            $"CREATE TRIGGER {fts}_au AFTER UPDATE OF title_ru, title_en, description_ru, description_en, tags ON {tours} BEGIN " +
            $"DELETE FROM {fts} WHERE rowid = old.rowid; INSERT INTO {fts} (rowid, {columns}) VALUES (new.rowid, {values}); END;");
    }
}
