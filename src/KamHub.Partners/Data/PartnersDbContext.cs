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

    public DbSet<OperatorApplication> OperatorApplications => Set<OperatorApplication>();

    public DbSet<OperatorDecision> OperatorDecisions => Set<OperatorDecision>();

    public DbSet<AgentGrant> AgentGrants => Set<AgentGrant>();

    public DbSet<ApplicationDocument> ApplicationDocuments => Set<ApplicationDocument>();

    public DbSet<AgentGrantTour> AgentGrantTours => Set<AgentGrantTour>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<AgencyMember> AgencyMembers => Set<AgencyMember>();

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

        modelBuilder.Entity<OperatorApplication>(e =>
        {
            e.ToTable("operator_applications");
            e.HasKey(a => a.OperatorId).HasName("pk_partners_operator_applications");
            e.Property(a => a.LegalName).HasMaxLength(OperatorApplication.NameMaxLength);
            e.Property(a => a.TaxId).HasMaxLength(12);
            e.Property(a => a.ContactEmail).HasMaxLength(254);
            e.Property(a => a.ContactPhone).HasMaxLength(32);
            e.Property(a => a.PayoutDetails).HasMaxLength(2000);
            e.Property(a => a.PendingPayoutDetails).HasMaxLength(2000);
            e.Property(a => a.Status).HasMaxLength(16);
            e.Property(a => a.RejectionReason).HasMaxLength(OperatorApplication.ReasonMaxLength);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => new { a.Status, a.OperatorId }).HasDatabaseName("ix_partners_operator_applications_status");
        });

        modelBuilder.Entity<OperatorDecision>(e =>
        {
            e.ToTable("operator_decisions");
            e.HasKey(d => d.Id).HasName("pk_partners_operator_decisions");
            e.Property(d => d.Scope).HasMaxLength(16);
            e.Property(d => d.Decision).HasMaxLength(16);
            e.Property(d => d.Reason).HasMaxLength(OperatorApplication.ReasonMaxLength);
            e.HasIndex(d => new { d.OperatorId, d.Id }).HasDatabaseName("ix_partners_operator_decisions_operator");
        });

        modelBuilder.Entity<ApplicationDocument>(e =>
        {
            e.ToTable("application_documents");
            e.HasKey(d => d.Id).HasName("pk_partners_application_documents");
            e.Property(d => d.FileName).HasMaxLength(ApplicationDocument.FileNameMaxLength);
            e.Property(d => d.ContentType).HasMaxLength(64);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.Property(d => d.Scan).HasMaxLength(16);
            e.HasIndex(d => new { d.OperatorId, d.UploadedAt }).HasDatabaseName("ix_partners_application_documents_operator");
        });

        modelBuilder.Entity<AgentGrant>(e =>
        {
            e.ToTable("agent_grants");
            e.HasKey(g => g.Id).HasName("pk_partners_agent_grants");
            // The booking check: an agent's grants from one operator.
            e.HasIndex(g => new { g.AgentUserId, g.OperatorId }).HasDatabaseName("ix_partners_agent_grants_agent");
            e.HasIndex(g => new { g.OperatorId, g.Id }).HasDatabaseName("ix_partners_agent_grants_operator");
            // The booking check for an agency's member: the agency's grants from one operator.
            e.HasIndex(g => new { g.AgencyId, g.OperatorId }).HasDatabaseName("ix_partners_agent_grants_agency");
        });

        modelBuilder.Entity<AgentGrantTour>(e =>
        {
            e.ToTable("agent_grant_tours");
            e.HasKey(t => new { t.GrantId, t.TourId }).HasName("pk_partners_agent_grant_tours");
        });

        modelBuilder.Entity<Agency>(e =>
        {
            e.ToTable("agencies");
            e.HasKey(a => a.Id).HasName("pk_partners_agencies");
            e.Property(a => a.Name).HasMaxLength(Agency.NameMaxLength);
            e.Property(a => a.ContactEmail).HasMaxLength(254);
        });

        modelBuilder.Entity<AgencyMember>(e =>
        {
            e.ToTable("agency_members");
            e.HasKey(m => m.AgentUserId).HasName("pk_partners_agency_members");
            e.HasIndex(m => new { m.AgencyId, m.AddedAt }).HasDatabaseName("ix_partners_agency_members_agency");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
