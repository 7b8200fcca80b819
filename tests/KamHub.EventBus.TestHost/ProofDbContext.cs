using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.EventBus.TestHost;

/// <summary>An aggregate whose events must reach every subscriber in order: its counter numbers them 1, 2, 3…</summary>
public sealed class ProofAggregate
{
    public string Id { get; set; } = "";

    public int LastSequence { get; set; }
}

/// <summary>The business row committed with each event: it exists exactly when the publishing transaction committed.</summary>
public sealed class ProofOrder
{
    /// <summary>The id of the event published with it.</summary>
    public Guid Id { get; set; }

    public string AggregateId { get; set; } = "";

    public int Sequence { get; set; }

    public string EventType { get; set; } = "";

    public string Instance { get; set; } = "";
}

/// <summary>
/// One committed handler run. Deliberately no unique key on (subscriber, event): a second effect of one delivery
/// stays visible. <see cref="PreviousSequence"/> is what the handler saw last for the aggregate, proving the order.
/// </summary>
public sealed class ProofEffect
{
    public long Id { get; set; }

    public string Subscriber { get; set; } = "";

    public Guid EventId { get; set; }

    public string AggregateId { get; set; } = "";

    public int Sequence { get; set; }

    public int PreviousSequence { get; set; }

    public string Instance { get; set; } = "";

    public long PublishedAtTicks { get; set; }

    public long HandledAtTicks { get; set; }
}

public sealed class ProofDbContext(DbContextOptions<ProofDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "proof";

    public override string ModuleName => Module;

    public DbSet<ProofAggregate> Aggregates => Set<ProofAggregate>();

    public DbSet<ProofOrder> Orders => Set<ProofOrder>();

    public DbSet<ProofEffect> Effects => Set<ProofEffect>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProofAggregate>(e =>
        {
            e.ToTable("aggregates");
            e.HasKey(x => x.Id).HasName("pk_proof_aggregates");
            e.Property(x => x.Id).HasMaxLength(100);
        });
        modelBuilder.Entity<ProofOrder>(e =>
        {
            e.ToTable("orders");
            e.HasKey(x => x.Id).HasName("pk_proof_orders");
            e.Property(x => x.AggregateId).HasMaxLength(100);
            e.Property(x => x.EventType).HasMaxLength(100);
            e.Property(x => x.Instance).HasMaxLength(100);
        });
        modelBuilder.Entity<ProofEffect>(e =>
        {
            e.ToTable("effects");
            e.HasKey(x => x.Id).HasName("pk_proof_effects");
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Subscriber).HasMaxLength(100);
            e.Property(x => x.AggregateId).HasMaxLength(100);
            e.Property(x => x.Instance).HasMaxLength(100);
            e.HasIndex(x => new { x.Subscriber, x.AggregateId }).HasDatabaseName("ix_proof_effects_stream");
        });
        modelBuilder.AddEventBusTables(ModuleName);
    }

    /// <summary>The quoted physical name of one of this module's tables ("proof"."orders" or "proof_orders").</summary>
    public string Table(string table) => Database.IsSqlite() ? $"\"{Module}_{table}\"" : $"\"{Module}\".\"{table}\"";
}
