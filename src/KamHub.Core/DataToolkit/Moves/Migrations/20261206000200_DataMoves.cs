using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Core.DataToolkit.Moves.Migrations;

/// <summary>The online moves' table. Hand-written for both providers (ADR 0002, 0014).</summary>
[DbContext(typeof(MovesDbContext))]
[Migration("20261206000200_DataMoves")]
internal sealed class DataMoves : Migration
{
    private const string Module = "moves";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, Module);
        n.EnsureSchema();
        migrationBuilder.CreateTable(
            name: n.Table("data_moves"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                module = t.Column<string>(maxLength: 64, nullable: false),
                source = t.Column<string>(maxLength: DataMoveRow.ConnectionMaxLength, nullable: false),
                target = t.Column<string>(maxLength: DataMoveRow.ConnectionMaxLength, nullable: false),
                state = t.Column<string>(maxLength: 32, nullable: false),
                read_percent = t.Column<int>(nullable: false),
                epoch = t.Column<int>(nullable: false),
                started_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(maxLength: 200, nullable: false),
                switch_pause_ms = t.Column<double>(nullable: true),
                caught_up_at = t.Column<DateTime>(nullable: true),
                lag_changes = t.Column<long>(nullable: false),
                lag_oldest_at = t.Column<DateTime>(nullable: true),
                verified_at = t.Column<DateTime>(nullable: true),
                verify_equal = t.Column<bool>(nullable: true),
                verify_summary = t.Column<string>(nullable: true),
                history = t.Column<string>(nullable: false),
                error = t.Column<string>(nullable: true),
                version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_moves_data_moves", x => x.id));
        migrationBuilder.CreateIndex("ix_moves_data_moves_module", n.Table("data_moves"), ["module", "started_at"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, Module);
        migrationBuilder.DropTable(n.Table("data_moves"), n.Schema);
    }
}
