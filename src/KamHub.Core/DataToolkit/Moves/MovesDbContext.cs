using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// The online moves, owned by Core and kept in the platform database (<c>ConnectionStrings:Moves</c> falls back to the
/// platform's like a module's): every instance reads the same move rows to route a moving module (ADR 0014).
/// </summary>
internal sealed class MovesDbContext(DbContextOptions<MovesDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Moves";

    public override string ModuleName => "moves";

    public DbSet<DataMoveRow> Moves => Set<DataMoveRow>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataMoveRow>(move =>
        {
            move.ToTable("data_moves");
            move.HasKey(m => m.Id).HasName("pk_moves_data_moves");
            move.Property(m => m.Module).HasMaxLength(64);
            move.Property(m => m.Source).HasMaxLength(DataMoveRow.ConnectionMaxLength);
            move.Property(m => m.Target).HasMaxLength(DataMoveRow.ConnectionMaxLength);
            move.Property(m => m.State).HasMaxLength(32);
            move.Property(m => m.UpdatedBy).HasMaxLength(200);
            move.Property(m => m.ShadowLastMismatch).HasMaxLength(DataMoveRow.ShadowMismatchMaxLength);
            // Two operators stepping one move at once: the second save fails (409) instead of skipping a step.
            move.Property(m => m.Version).IsConcurrencyToken();
            move.HasIndex(m => new { m.Module, m.StartedAt }).HasDatabaseName("ix_moves_data_moves_module");
        });
    }
}
