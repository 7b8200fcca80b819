using KamHub.Core.Migrations;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>
/// The operator's rating on each of its tours, as Engagement announces it (rating.changed, ADR 0024), so search results
/// and the tour page show it without a join. Seeded from the tours' own ratings (a weighted mean of rounded averages,
/// close, not exact) at position 0, so the operator's next rating.changed replaces it with Engagement's exact figure.
/// </summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261207040000_OperatorRatings")]
internal sealed class OperatorRatings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        var tours = n.Table("tours");
        migrationBuilder.AddColumn<int>("operator_rating_hundredths", tours, schema: n.Schema, nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>("operator_rating_count", tours, schema: n.Schema, nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<long>("operator_rating_position", tours, schema: n.Schema, nullable: false, defaultValue: 0L);
        // Integer arithmetic on both providers: (sum + count/2) / count rounds half up.
        var t = n.Quoted("tours");
        migrationBuilder.Sql($"""
            UPDATE {t} SET
                operator_rating_count = (SELECT SUM(o.rating_count) FROM {t} o WHERE o.operator_id = {t}.operator_id),
                operator_rating_hundredths = COALESCE((SELECT (SUM(o.rating_hundredths * o.rating_count) + SUM(o.rating_count) / 2) / NULLIF(SUM(o.rating_count), 0)
                    FROM {t} o WHERE o.operator_id = {t}.operator_id), 0)
            WHERE EXISTS (SELECT 1 FROM {t} o WHERE o.operator_id = {t}.operator_id AND o.rating_count > 0);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "discovery");
        // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild (which would lose the full-text triggers).
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("tours")} DROP COLUMN operator_rating_position;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("tours")} DROP COLUMN operator_rating_count;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("tours")} DROP COLUMN operator_rating_hundredths;");
    }
}
