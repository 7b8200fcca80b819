using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Partners.Data;

/// <summary>The Partners module's tables. Only this module reads or writes them.</summary>
internal sealed class PartnersDbContext(DbContextOptions<PartnersDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Partners";

    public override string ModuleName => "partners";

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<Pickup> Pickups => Set<Pickup>();

    public DbSet<StaffSchedule> StaffSchedules => Set<StaffSchedule>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Assignment>(e =>
        {
            e.ToTable("assignments");
            e.HasKey(a => a.Id).HasName("pk_partners_assignments");
            e.Property(a => a.Role).HasMaxLength(16);
            e.Property(a => a.Status).HasMaxLength(16);
            e.Property(a => a.TimeZone).HasMaxLength(64);
            e.Property(a => a.CancellationReason).HasMaxLength(32);
            // A person's active schedule by time (overlap check, /api/me/assignments).
            e.HasIndex(a => new { a.UserId, a.Status, a.StartsAt }).HasDatabaseName("ix_partners_assignments_user");
            e.HasIndex(a => new { a.DepartureId, a.Status }).HasDatabaseName("ix_partners_assignments_departure");
        });

        modelBuilder.Entity<Pickup>(e =>
        {
            e.ToTable("pickups");
            e.HasKey(p => new { p.AssignmentId, p.BookingId }).HasName("pk_partners_pickups");
            e.Property(p => p.Point).HasMaxLength(Pickup.PointMaxLength);
        });

        modelBuilder.Entity<StaffSchedule>(e =>
        {
            e.ToTable("staff_schedules");
            e.HasKey(s => s.UserId).HasName("pk_partners_staff_schedules");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
