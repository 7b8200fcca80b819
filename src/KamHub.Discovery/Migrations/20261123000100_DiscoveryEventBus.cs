using KamHub.Core.Events;
using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Discovery.Migrations;

/// <summary>Discovery's outbox, deliveries and inbox (ADR 0004).</summary>
[DbContext(typeof(DiscoveryDbContext))]
[Migration("20261123000100_DiscoveryEventBus")]
internal sealed class DiscoveryEventBus : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateEventBusTablesV1("discovery");

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropEventBusTablesV1("discovery");
}
