using System.Collections.Concurrent;
using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Events.TestModule;

/// <summary>
/// A module that exists only in tests: it publishes widget.* and gadget.* events from its own database and runs
/// subscribers of several patterns whose effect is a row in its own effects table (written in the handler's
/// transaction), so "exactly once in effect" can be counted.
/// </summary>
public static class TestEventsModule
{
    public const string Name = "EventTests";

    public static readonly (string Subscriber, string Pattern)[] Subscribers =
    [
        ("test.exact", "widget.created"),
        ("test.prefix", "widget.*"),
        ("test.all", "*"),
        ("test.gadgets", "gadget.*"),
        ("test.batch", "batch.*"),
    ];

    public static IServiceCollection AddTestEventsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDatabase<TestEventsDbContext>(configuration, Name);
        services.AddEventOutbox<TestEventsDbContext>();
        services.AddSingleton<HandlerControl>();
        // "EventTests:Subscribers=false": the module publishes and nobody listens (commits that write no delivery).
        if (!configuration.GetValue($"{Name}:Subscribers", true)) return services;
        services.AddEventSubscriber<TestEventsDbContext, ExactHandler>("test.exact", "widget.created");
        services.AddEventSubscriber<TestEventsDbContext, PrefixHandler>("test.prefix", "widget.*");
        services.AddEventSubscriber<TestEventsDbContext, AllHandler>("test.all", "*");
        services.AddEventSubscriber<TestEventsDbContext, GadgetHandler>("test.gadgets", "gadget.*");
        services.AddEventBatchSubscriber<TestEventsDbContext, BatchHandler>("test.batch", "batch.*");
        return services;
    }
}

public sealed record WidgetCreated(Guid WidgetId, int Sequence)
{
    public const string EventName = "widget.created";
    public const int EventVersion = 1;
}

public sealed record WidgetChanged(Guid WidgetId, int Sequence)
{
    public const string EventName = "widget.changed";
    public const int EventVersion = 1;
}

public sealed record GadgetMade(Guid GadgetId)
{
    public const string EventName = "gadget.made";
    public const int EventVersion = 1;
}

public sealed record BatchItem(int Number)
{
    public const string EventName = "batch.item";
    public const int EventVersion = 1;
}

/// <summary>What the test handlers do besides recording their effect: fail for poisoned aggregates, fail once, chain.</summary>
public sealed class HandlerControl
{
    /// <summary>"subscriber/aggregate" pairs whose handler always throws.</summary>
    public ConcurrentDictionary<string, bool> Poisoned { get; } = new();

    /// <summary>Aggregates whose every first attempt fails (a transient fault), to prove retries keep the order.</summary>
    public ConcurrentDictionary<string, bool> FlakyOnce { get; } = new();

    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    /// <summary>"subscriber/aggregate" pairs whose handler waits for the gate before doing anything (a slow handler).</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Stalled { get; } = new();

    /// <summary>How many events each call of the batch handler received, in call order.</summary>
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    /// <summary>When set, test.all publishes a gadget.made caused by every widget.created it handles.</summary>
    public bool Chain { get; set; }
}

public sealed class Widget
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>One handler run that committed: the unit "exactly once in effect" is counted in.</summary>
public sealed class Effect
{
    public long Id { get; set; }

    public string Subscriber { get; set; } = "";

    public Guid EventId { get; set; }

    public string EventType { get; set; } = "";

    public string AggregateId { get; set; } = "";

    public int Sequence { get; set; }

    public bool Replay { get; set; }

    public string CorrelationId { get; set; } = "";

    public Guid? CausationId { get; set; }
}

public sealed class TestEventsDbContext(DbContextOptions<TestEventsDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "eventtests";

    public DbSet<Widget> Widgets => Set<Widget>();

    public DbSet<Effect> Effects => Set<Effect>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Widget>(e =>
        {
            e.ToTable("widgets");
            e.HasKey(w => w.Id).HasName("pk_eventtests_widgets");
        });
        modelBuilder.Entity<Effect>(e =>
        {
            e.ToTable("effects");
            e.HasKey(x => x.Id).HasName("pk_eventtests_effects");
        });
        modelBuilder.AddEventBusTables(ModuleName);
    }
}

[DbContext(typeof(TestEventsDbContext))]
[Migration("20261123000100_EventTests")]
public sealed class EventTestsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "eventtests");
        n.EnsureSchema();
        migrationBuilder.CreateTable(n.Table("widgets"), t => new
        {
            id = t.Column<Guid>(nullable: false),
            name = t.Column<string>(nullable: false),
        }, n.Schema, t => t.PrimaryKey("pk_eventtests_widgets", x => x.id));
        migrationBuilder.CreateTable(n.Table("effects"), t => new
        {
            id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            subscriber = t.Column<string>(nullable: false),
            event_id = t.Column<Guid>(nullable: false),
            event_type = t.Column<string>(nullable: false),
            aggregate_id = t.Column<string>(nullable: false),
            sequence = t.Column<int>(nullable: false),
            replay = t.Column<bool>(nullable: false),
            correlation_id = t.Column<string>(nullable: false),
            causation_id = t.Column<Guid>(nullable: true),
        }, n.Schema, t => t.PrimaryKey("pk_eventtests_effects", x => x.id));
        migrationBuilder.CreateEventBusTablesV1("eventtests");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "eventtests");
        migrationBuilder.DropEventBusTablesV1("eventtests");
        migrationBuilder.DropTable(n.Table("effects"), n.Schema);
        migrationBuilder.DropTable(n.Table("widgets"), n.Schema);
    }
}
