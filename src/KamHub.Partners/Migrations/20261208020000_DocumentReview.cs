using KamHub.Core.Migrations;
using KamHub.Partners.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Partners.Migrations;

/// <summary>
/// An approved organisation's changed documents wait for review (<c>documents_changed_at</c>), and each document keeps
/// what the virus scan said of it (<c>scan</c>; documents stored before scanning existed were not scanned). ADR 0025's update.
/// </summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261208020000_DocumentReview")]
internal sealed class DocumentReview : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        migrationBuilder.AddColumn<DateTime>("documents_changed_at", n.Table("operator_applications"), schema: n.Schema, nullable: true);
        migrationBuilder.AddColumn<string>("scan", n.Table("application_documents"), schema: n.Schema, maxLength: 16, nullable: false,
            defaultValue: DocumentScan.NotScanned);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "partners");
        // SQLite's own DROP COLUMN (3.35+) rather than EF's table rebuild.
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("application_documents")} DROP COLUMN scan;");
        migrationBuilder.Sql($"ALTER TABLE {n.Quoted("operator_applications")} DROP COLUMN documents_changed_at;");
    }
}
