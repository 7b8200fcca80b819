using KamHub.Core.Events;
using KamHub.Identity.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Identity.Migrations;

/// <summary>Identity's outbox, deliveries and inbox (ADR 0004).</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261123000100_IdentityEventBus")]
internal sealed class IdentityEventBus : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateEventBusTablesV1("identity");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropEventBusTablesV1("identity");
}
