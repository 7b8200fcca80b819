using KamHub.Core.Events;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace KamHub.EventBus.TestHost;

[DbContext(typeof(ProofDbContext))]
[Migration("20261123000100_Proof")]
public sealed class ProofMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, ProofDbContext.Module);
        n.EnsureSchema();
        migrationBuilder.CreateTable(n.Table("aggregates"), t => new
        {
            id = t.Column<string>(maxLength: 100, nullable: false),
            last_sequence = t.Column<int>(nullable: false),
        }, n.Schema, t => t.PrimaryKey("pk_proof_aggregates", x => x.id));
        migrationBuilder.CreateTable(n.Table("orders"), t => new
        {
            id = t.Column<Guid>(nullable: false),
            aggregate_id = t.Column<string>(maxLength: 100, nullable: false),
            sequence = t.Column<int>(nullable: false),
            event_type = t.Column<string>(maxLength: 100, nullable: false),
            instance = t.Column<string>(maxLength: 100, nullable: false),
        }, n.Schema, t => t.PrimaryKey("pk_proof_orders", x => x.id));
        migrationBuilder.CreateTable(n.Table("effects"), t => new
        {
            id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            subscriber = t.Column<string>(maxLength: 100, nullable: false),
            event_id = t.Column<Guid>(nullable: false),
            aggregate_id = t.Column<string>(maxLength: 100, nullable: false),
            sequence = t.Column<int>(nullable: false),
            previous_sequence = t.Column<int>(nullable: false),
            instance = t.Column<string>(maxLength: 100, nullable: false),
            published_at_ticks = t.Column<long>(nullable: false),
            handled_at_ticks = t.Column<long>(nullable: false),
        }, n.Schema, t => t.PrimaryKey("pk_proof_effects", x => x.id));
        // Not unique on purpose: a double effect must be countable.
        migrationBuilder.CreateIndex("ix_proof_effects_stream", n.Table("effects"), ["subscriber", "aggregate_id"], n.Schema);
        migrationBuilder.CreateEventBusTablesV1(ProofDbContext.Module);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, ProofDbContext.Module);
        migrationBuilder.DropEventBusTablesV1(ProofDbContext.Module);
        migrationBuilder.DropTable(n.Table("effects"), n.Schema);
        migrationBuilder.DropTable(n.Table("orders"), n.Schema);
        migrationBuilder.DropTable(n.Table("aggregates"), n.Schema);
    }
}
