using KamHub.Booking.Data;
using KamHub.Core.Events;
using KamHub.Core.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KamHub.Booking.Migrations;

/// <summary>Departures, bookings and the module's event tables (ADR 0004, 0005). Hand-written for both providers (ADR 0002).</summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261123010000_InitialBooking")]
internal sealed class InitialBooking : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        n.EnsureSchema();

        migrationBuilder.CreateTable(
            name: n.Table("departures"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                starts_at = t.Column<DateTime>(nullable: false),
                time_zone = t.Column<string>(maxLength: 64, nullable: false),
                capacity = t.Column<int>(nullable: false),
                seats_taken = t.Column<int>(nullable: false),
                price_minor = t.Column<long>(nullable: false),
                price_overridden = t.Column<bool>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                cut_off_minutes = t.Column<int>(nullable: false),
                cancellation_policy = t.Column<string>(maxLength: 2000, nullable: true),
                status = t.Column<string>(maxLength: 16, nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_booking_departures", x => x.id);
                // The capacity rule as a last line of defence: no code path can push the counter outside 0..capacity.
                t.CheckConstraint("ck_booking_departures_seats", "seats_taken >= 0 AND seats_taken <= capacity");
            });
        migrationBuilder.CreateIndex("ix_booking_departures_tour_starts_at", n.Table("departures"), ["tour_id", "starts_at"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("bookings"),
            schema: n.Schema,
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                reference = t.Column<string>(maxLength: TourBooking.ReferenceLength, nullable: false),
                departure_id = t.Column<Guid>(nullable: false),
                tour_id = t.Column<Guid>(nullable: false),
                operator_id = t.Column<Guid>(nullable: false),
                customer_id = t.Column<Guid>(nullable: false),
                adults = t.Column<int>(nullable: false),
                children = t.Column<int>(nullable: false),
                seats = t.Column<int>(nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                status = t.Column<string>(maxLength: 16, nullable: false),
                hold_expires_at = t.Column<DateTime>(nullable: false),
                participants = t.Column<string>(maxLength: 20000, nullable: false),
                contact_email = t.Column<string>(maxLength: 254, nullable: false),
                contact_phone = t.Column<string>(maxLength: 32, nullable: true),
                cancellation_policy = t.Column<string>(maxLength: 2000, nullable: false),
                idempotency_key = t.Column<string>(maxLength: TourBooking.IdempotencyKeyMaxLength, nullable: false),
                request_hash = t.Column<string>(maxLength: 64, nullable: false),
                payment_id = t.Column<Guid>(nullable: true),
                refund_minor = t.Column<long>(nullable: false),
                refund_percent = t.Column<int>(nullable: true),
                cancelled_by = t.Column<string>(maxLength: 16, nullable: true),
                cancellation_reason = t.Column<string>(maxLength: 500, nullable: true),
                created_at = t.Column<DateTime>(nullable: false),
                confirmed_at = t.Column<DateTime>(nullable: true),
                expired_at = t.Column<DateTime>(nullable: true),
                cancelled_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_booking_bookings", x => x.id));
        var bookings = n.Table("bookings");
        migrationBuilder.CreateIndex("ix_booking_bookings_reference", bookings, "reference", n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_booking_bookings_idempotency", bookings, ["customer_id", "idempotency_key"], n.Schema, unique: true);
        migrationBuilder.CreateIndex("ix_booking_bookings_departure_status", bookings, ["departure_id", "status", "hold_expires_at"], n.Schema);
        migrationBuilder.CreateIndex("ix_booking_bookings_status_hold", bookings, ["status", "hold_expires_at"], n.Schema);
        migrationBuilder.CreateIndex("ix_booking_bookings_customer", bookings, ["customer_id", "id"], n.Schema);
        migrationBuilder.CreateIndex("ix_booking_bookings_operator", bookings, ["operator_id", "id"], n.Schema);

        migrationBuilder.CreateEventBusTablesV1("booking");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleMigrationNames(migrationBuilder, "booking");
        migrationBuilder.DropEventBusTablesV1("booking");
        migrationBuilder.DropTable(n.Table("bookings"), n.Schema);
        migrationBuilder.DropTable(n.Table("departures"), n.Schema);
    }
}
