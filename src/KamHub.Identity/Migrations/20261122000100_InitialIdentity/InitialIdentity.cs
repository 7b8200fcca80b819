using KamHub.Core.Migrations;
using KamHub.Identity.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Identity.Migrations;

/// <summary>Users and refresh tokens. Hand-written for both providers (ADR 0002); names match IdentityDbContext.</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261122000100_InitialIdentity")]
internal sealed class InitialIdentity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "identity");
        n.EnsureSchema();

        migrationBuilder.CreateTable(
            name: n.Table("users"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                email = t.Column<string>(maxLength: User.EmailMaxLength, nullable: false),
                normalized_email = t.Column<string>(maxLength: User.EmailMaxLength, nullable: false),
                display_name = t.Column<string>(maxLength: User.DisplayNameMaxLength, nullable: true),
                password_hash = t.Column<string>(nullable: false),
                role = t.Column<string>(maxLength: User.RoleMaxLength, nullable: false),
                operator_id = t.Column<Guid>(nullable: true),
                created_at = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_identity_users", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_identity_users_email",
            schema: n.Schema,
            table: n.Table("users"),
            column: "normalized_email",
            unique: true);

        migrationBuilder.CreateTable(
            name: n.Table("refresh_tokens"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                user_id = t.Column<Guid>(nullable: false),
                token_hash = t.Column<string>(maxLength: RefreshToken.HashLength, nullable: false),
                created_at = t.Column<DateTimeOffset>(nullable: false),
                expires_at = t.Column<DateTimeOffset>(nullable: false),
                revoked_at = t.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_identity_refresh_tokens", x => x.id);
                t.ForeignKey(
                    name: "fk_identity_refresh_tokens_users_user_id",
                    column: x => x.user_id,
                    principalSchema: n.Schema,
                    principalTable: n.Table("users"),
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_identity_refresh_tokens_token_hash",
            schema: n.Schema,
            table: n.Table("refresh_tokens"),
            column: "token_hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_identity_refresh_tokens_user_id",
            schema: n.Schema,
            table: n.Table("refresh_tokens"),
            column: "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "identity");
        migrationBuilder.DropTable(name: n.Table("refresh_tokens"), schema: n.Schema);
        migrationBuilder.DropTable(name: n.Table("users"), schema: n.Schema);
    }
}
