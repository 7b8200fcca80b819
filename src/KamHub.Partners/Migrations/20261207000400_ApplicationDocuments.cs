using KamHub.Core.Migrations;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Partners.Migrations;

/// <summary>Documents an operator attaches to its onboarding application, stored by Partners (ADR 0025).</summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261207000400_ApplicationDocuments")]
internal sealed class ApplicationDocuments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.CreateTable(
            name: n.Table("application_documents"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                file_name = t.Column<string>(maxLength: ApplicationDocument.FileNameMaxLength, nullable: false),
                content_type = t.Column<string>(maxLength: 64, nullable: false),
                size_bytes = t.Column<int>(nullable: false),
                sha256 = t.Column<string>(maxLength: 64, nullable: false),
                content = t.Column<byte[]>(nullable: false),
                uploaded_by = t.Column<Guid>(nullable: false),
                uploaded_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_partners_application_documents", x => x.id));
        migrationBuilder.CreateIndex("ix_partners_application_documents_operator", n.Table("application_documents"), ["operator_id", "uploaded_at"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.DropTable(n.Table("application_documents"), n.Schema);
    }
}
