using KamHub.Core.Migrations;
using KamHub.Identity.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Identity.Migrations;

/// <summary>Failed sign-ins in the database, so throttling holds across instances. Hand-written for both providers (ADR 0002).</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261122233000_LoginFailures")]
internal sealed class LoginFailures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "identity");

        migrationBuilder.CreateTable(
            name: n.Table("login_failures"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                key_hash = t.Column<string>(maxLength: LoginFailure.KeyHashLength, nullable: false),
                failed_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_identity_login_failures", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_identity_login_failures_key_hash_failed_at",
            schema: n.Schema,
            table: n.Table("login_failures"),
            columns: ["key_hash", "failed_at"]);

        migrationBuilder.CreateIndex(
            name: "ix_identity_login_failures_failed_at",
            schema: n.Schema,
            table: n.Table("login_failures"),
            column: "failed_at");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "identity");
        migrationBuilder.DropTable(name: n.Table("login_failures"), schema: n.Schema);
    }
}
