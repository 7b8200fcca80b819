using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Features.Data;

/// <summary>
/// The feature flags' tables, owned by Core: definitions, their change history and the outbox of <c>flag.changed</c>.
/// A database of its own name (<c>ConnectionStrings:Flags</c>) that falls back to the platform's, like a module's
/// (ADR 0011), so every instance of a cluster reads the same definitions.
/// </summary>
internal sealed class FlagsDbContext(DbContextOptions<FlagsDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Flags";

    public override string ModuleName => "flags";

    public DbSet<FeatureFlagRow> Flags => Set<FeatureFlagRow>();

    public DbSet<FlagChangeRow> Changes => Set<FlagChangeRow>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FeatureFlagRow>(flag =>
        {
            flag.ToTable("feature_flags");
            flag.HasKey(f => f.Name).HasName("pk_flags_feature_flags");
            flag.Property(f => f.Name).HasMaxLength(FlagNames.MaxLength);
            flag.Property(f => f.Description).HasMaxLength(FeatureFlagRow.DescriptionMaxLength);
            flag.Property(f => f.UpdatedBy).HasMaxLength(FlagChangeRow.ChangedByMaxLength);
            // Two admins changing one flag at once: the second save fails and is retried on fresh values, so the
            // history's old/new pairs always chain.
            flag.Property(f => f.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<FlagChangeRow>(change =>
        {
            change.ToTable("feature_flag_changes");
            change.HasKey(c => c.Id).HasName("pk_flags_feature_flag_changes");
            change.Property(c => c.Id).ValueGeneratedOnAdd();
            change.Property(c => c.FlagName).HasMaxLength(FlagNames.MaxLength);
            change.Property(c => c.Change).HasMaxLength(FlagChangeRow.ChangeMaxLength);
            change.Property(c => c.ChangedBy).HasMaxLength(FlagChangeRow.ChangedByMaxLength);
            change.HasIndex(c => new { c.FlagName, c.Id }).HasDatabaseName("ix_flags_feature_flag_changes_flag_name");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
