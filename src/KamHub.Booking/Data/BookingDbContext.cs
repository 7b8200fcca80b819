using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Booking.Data;

/// <summary>The Booking module's tables. Only this module reads or writes them.</summary>
internal sealed class BookingDbContext(DbContextOptions<BookingDbContext> options) : ModuleDbContext(options)
{
    public const string Module = "Booking";

    public override string ModuleName => "booking";

    public DbSet<Departure> Departures => Set<Departure>();

    public DbSet<TourBooking> Bookings => Set<TourBooking>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Departure>(e =>
        {
            e.ToTable("departures");
            e.HasKey(d => d.Id).HasName("pk_booking_departures");
            e.Property(d => d.TimeZone).HasMaxLength(64);
            e.Property(d => d.Currency).HasMaxLength(3);
            e.Property(d => d.CancellationPolicy).HasMaxLength(2000);
            e.Property(d => d.Status).HasMaxLength(16);
            e.HasIndex(d => new { d.TourId, d.StartsAt }).HasDatabaseName("ix_booking_departures_tour_starts_at");
            // The availability publisher's scan: only departures whose seats changed since their last announcement.
            // The trip completer's scan: departures whose end has passed.
            e.HasIndex(d => new { d.Status, d.EndsAt }).HasDatabaseName("ix_booking_departures_status_ends_at");
            e.HasIndex(d => d.Id).HasDatabaseName("ix_booking_departures_availability_due").HasFilter(DepartureAvailabilityDue.Filter);
        });

        modelBuilder.Entity<TourBooking>(e =>
        {
            e.ToTable("bookings");
            e.HasKey(b => b.Id).HasName("pk_booking_bookings");
            e.Property(b => b.Reference).HasMaxLength(TourBooking.ReferenceLength);
            e.Property(b => b.Currency).HasMaxLength(3);
            e.Property(b => b.Status).HasMaxLength(16);
            e.Property(b => b.Participants).HasMaxLength(20000);
            e.Property(b => b.ContactEmail).HasMaxLength(254);
            e.Property(b => b.ContactPhone).HasMaxLength(32);
            e.Property(b => b.CancellationPolicy).HasMaxLength(2000);
            e.Property(b => b.IdempotencyKey).HasMaxLength(TourBooking.IdempotencyKeyMaxLength);
            e.Property(b => b.RequestHash).HasMaxLength(64);
            e.Property(b => b.CancelledBy).HasMaxLength(16);
            e.Property(b => b.CancellationReason).HasMaxLength(500);
            e.Property(b => b.Attendance).HasMaxLength(16);
            e.HasIndex(b => b.Reference).IsUnique().HasDatabaseName("ix_booking_bookings_reference");
            e.HasIndex(b => new { b.CustomerId, b.IdempotencyKey }).IsUnique().HasDatabaseName("ix_booking_bookings_idempotency");
            // Holds of one departure that may have run out: reclaimed before seats are taken.
            e.HasIndex(b => new { b.DepartureId, b.Status, b.HoldExpiresAt }).HasDatabaseName("ix_booking_bookings_departure_status");
            // The sweeper's scan.
            e.HasIndex(b => new { b.Status, b.HoldExpiresAt }).HasDatabaseName("ix_booking_bookings_status_hold");
            e.HasIndex(b => new { b.CustomerId, b.Id }).HasDatabaseName("ix_booking_bookings_customer");
            e.HasIndex(b => new { b.OperatorId, b.Id }).HasDatabaseName("ix_booking_bookings_operator");
            e.HasIndex(b => new { b.AgentId, b.Id }).HasDatabaseName("ix_booking_bookings_agent");
            e.HasIndex(b => new { b.AgencyId, b.Id }).HasDatabaseName("ix_booking_bookings_agency");
        });

        modelBuilder.AddEventBusTables(ModuleName);
    }
}
