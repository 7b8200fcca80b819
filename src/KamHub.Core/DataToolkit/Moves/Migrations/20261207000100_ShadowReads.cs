using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Core.DataToolkit.Moves.Migrations;

/// <summary>Shadow-read totals on the move row (ADR 0014): reads checked, rows compared, mismatches and the last one.</summary>
[DbContext(typeof(MovesDbContext))]
[Migration("20261207000100_ShadowReads")]
internal sealed class ShadowReads : Migration
{
    private const string Module = "moves";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, Module);
        var moves = n.Table("data_moves");
        migrationBuilder.AddColumn<long>("shadow_reads", moves, schema: n.Schema, nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>("shadow_rows", moves, schema: n.Schema, nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>("shadow_mismatches", moves, schema: n.Schema, nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<string>("shadow_last_mismatch", moves, schema: n.Schema, maxLength: DataMoveRow.ShadowMismatchMaxLength, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, Module);
        // SQLite's own DROP COLUMN (3.35+), not EF's table rebuild.
        foreach (var column in new[] { "shadow_last_mismatch", "shadow_mismatches", "shadow_rows", "shadow_reads" })
            migrationBuilder.Sql($"ALTER TABLE {n.Quoted("data_moves")} DROP COLUMN {column};");
    }
}
