using KamHub.Booking.Attendance;
using KamHub.Booking.Bookings;
using KamHub.Booking.Bookings.CancelBooking;
using KamHub.Booking.Bookings.CreateBooking;
using KamHub.Booking.Bookings.GetBooking;
using KamHub.Booking.Bookings.ListBookings;
using KamHub.Booking.Completion;
using KamHub.Booking.Data;
using KamHub.Booking.Departures.CancelDeparture;
using KamHub.Booking.Departures.EditDeparture;
using KamHub.Booking.Departures.ListDepartures;
using KamHub.Booking.Departures.ScheduleDeparture;
using KamHub.Booking.Expiry;
using KamHub.Booking.Payments;
using KamHub.Booking.Seats;
using KamHub.Booking.Seeding;
using KamHub.Core.Data;
using KamHub.Core.Seeding;
using KamHub.Core.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using KamHub.Core.Hosting;

namespace KamHub.Booking;

public static class BookingModule
{
    public static IHostApplicationBuilder AddBookingModule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BookingOptions>(builder.Configuration.GetSection(BookingOptions.SectionName));
        builder.AddModuleDatabase<BookingDbContext>(BookingDbContext.Module);
        builder.Services.AddEventOutbox<BookingDbContext>();
        builder.Services.AddEventSubscriber<BookingDbContext, PaymentSucceededHandler>(PaymentSucceededHandler.Subscriber, "payment.succeeded");
        builder.Services.AddEventSubscriber<BookingDbContext, PaymentFailedHandler>(PaymentFailedHandler.Subscriber, "payment.failed");
        builder.Services.AddEventSubscriber<BookingDbContext, PaymentRefundedHandler>(PaymentRefundedHandler.Subscriber, "payment.refunded");
        builder.Services.AddScoped<SeatLedger>();
        builder.Services.AddSingleton<AvailabilitySignal>();
        builder.Services.AddHostedService<AvailabilityPublisher>();
        builder.Services.AddScoped<BookingCanceller>();
        builder.Services.AddScoped<CreateBookingHandler>();
        builder.Services.AddScoped<KamHub.Booking.Contracts.IBookingDirectory, KamHub.Booking.Directory.BookingDirectory>();
        builder.Services.AddScoped<KamHub.Booking.Contracts.IDepartureRoster, KamHub.Booking.Directory.DepartureRoster>();
        builder.Services.AddHostedService<HoldSweeper>();
        builder.Services.AddSingleton<IDemoSeeder, BookingDemoSeeder>();
        builder.Services.AddScoped<BookingCompletion>();
        builder.Services.AddSingleton<TripCompleter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TripCompleter>());
        return builder;
    }

    public static IEndpointRouteBuilder MapBookingModule(this IEndpointRouteBuilder endpoints)
    {
        ScheduleDepartureEndpoint.Map(endpoints);
        EditDepartureEndpoint.Map(endpoints);
        CancelDepartureEndpoint.Map(endpoints);
        ListDeparturesEndpoint.Map(endpoints);
        CreateBookingEndpoint.Map(endpoints);
        GetBookingEndpoint.Map(endpoints);
        CancelBookingEndpoint.Map(endpoints);
        ListBookingsEndpoints.Map(endpoints);
        MarkAttendanceEndpoint.Map(endpoints);
        Bookings.AgentBookings.AgentBookingsEndpoint.Map(endpoints);
        Bookings.AgentBookings.AgencySalesEndpoint.Map(endpoints);
        return endpoints;
    }
}
