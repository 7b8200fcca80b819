using KamHub.Core.Events;
using KamHub.Core.Features.Data;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace KamHub.Core.Features.Migrations;

/// <summary>Flags, their change history and the outbox of <c>flag.changed</c>. Hand-written for both providers (ADR 0002, 0011).</summary>
[DbContext(typeof(FlagsDbContext))]
[Migration("20261206000100_FeatureFlags")]
internal sealed class FeatureFlags : Migration
{
    private const string Module = "flags";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, Module);
        n.EnsureSchema();

        migrationBuilder.CreateTable(
            name: n.Table("feature_flags"),
            schema: n.Schema,
            columns: t => new
            {
                name = t.Column<string>(maxLength: FlagNames.MaxLength, nullable: false),
                description = t.Column<string>(maxLength: FeatureFlagRow.DescriptionMaxLength, nullable: true),
                enabled = t.Column<bool>(nullable: false),
                percent = t.Column<double>(nullable: false),
                audience = t.Column<string>(nullable: false),
                version = t.Column<int>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                updated_by = t.Column<string>(maxLength: FlagChangeRow.ChangedByMaxLength, nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_flags_feature_flags", x => x.name));

        migrationBuilder.CreateTable(
            name: n.Table("feature_flag_changes"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                flag_name = t.Column<string>(maxLength: FlagNames.MaxLength, nullable: false),
                change = t.Column<string>(maxLength: FlagChangeRow.ChangeMaxLength, nullable: false),
                changed_at = t.Column<DateTime>(nullable: false),
                changed_by = t.Column<string>(maxLength: FlagChangeRow.ChangedByMaxLength, nullable: false),
                old_value = t.Column<string>(nullable: true),
                new_value = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_flags_feature_flag_changes", x => x.id));
        migrationBuilder.CreateIndex("ix_flags_feature_flag_changes_flag_name", n.Table("feature_flag_changes"), ["flag_name", "id"], n.Schema);

        migrationBuilder.CreateEventBusTablesV1(Module);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, Module);
        migrationBuilder.DropEventBusTablesV1(Module);
        migrationBuilder.DropTable(n.Table("feature_flag_changes"), n.Schema);
        migrationBuilder.DropTable(n.Table("feature_flags"), n.Schema);
    }
}
