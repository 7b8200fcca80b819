using KamHub.Booking.Bookings;
using KamHub.Booking.Bookings.CreateBooking;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Departures;
using KamHub.Booking.Departures.ScheduleDeparture;
using KamHub.Booking.Policies;
using KamHub.Booking.Seats;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Seeding;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Contracts;
using KamHub.Payments.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Seeding;

/// <summary>
/// Makes the first start a working marketplace: weekly departures over the coming four weeks for every demo tour, and
/// bookings of the demo tourist in each state a first visit should see: paid in the sandbox and confirmed, held with a
/// sandbox payment waiting, cancelled, expired. Tours and the tourist come through the Discovery and Identity facades; departures and bookings
/// are written through this module's own code, with the same events as the API, so search and notifications follow.
/// Runs after Discovery (10) and Identity (20); skipped once any departure exists.
/// </summary>
internal sealed class BookingDemoSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDemoSeeder
{
    public const string DemoTouristEmail = "tourist@demo.kamhub.local";
    public const int MaxTours = 60;

    public int Order => 30;

    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<BookingOptions>>().Value;
        var db = services.GetRequiredService<BookingDbContext>();
        if (!options.DemoDepartures || await db.Departures.AnyAsync(cancellationToken)) return;

        var tours = await services.GetRequiredService<ITourCatalog>().PublishedAsync(MaxTours, cancellationToken);
        var departures = await ScheduleAsync(db, tours, services.GetRequiredService<IEventPublisher>(), options, cancellationToken);
        var tourist = await services.GetRequiredService<IUserDirectory>().FindByEmailAsync(DemoTouristEmail, cancellationToken);
        var bookings = tourist is null ? 0 : await BookAsync(services, db, departures, tourist, cancellationToken);
        context.Announce($"Booking: {departures.Count} demo departures over the coming weeks, {bookings} demo bookings of {DemoTouristEmail}.");
    }

    private async Task<List<Departure>> ScheduleAsync(BookingDbContext db, IReadOnlyList<TourSummary> tours, IEventPublisher events, BookingOptions options,
        CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var zone = TimeZones.FindOrUtc(DemoSchedule.TimeZone);
        var today = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
        var departures = new List<Departure>();
        for (var i = 0; i < tours.Count; i++)
        {
            var tour = tours[i];
            foreach (var start in DemoSchedule.Starts(i, today))
            {
                var startsAt = DepartureFields.StartUtc(start, DemoSchedule.TimeZone, now, new ValidationErrors())!.Value;
                var departure = new Departure
                {
                    Id = Guid.CreateVersion7(),
                    TourId = tour.Id,
                    OperatorId = tour.OperatorId,
                    StartsAt = startsAt,
                    TimeZone = DemoSchedule.TimeZone,
                    Capacity = Math.Max(2, tour.MaxGroupSize),
                    PriceMinor = tour.BasePriceMinor,
                    ChildPriceMinor = tour.ChildPriceMinor,
                    Currency = tour.Currency,
                    CutOffMinutes = options.DefaultCutOffMinutes,
                    Status = DepartureStatus.Scheduled,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                DepartureScheduling.Add(db, events, departure, now);
                departures.Add(departure);
            }
        }

        await db.SaveChangesAsync(ct);
        return departures;
    }

    /// <summary>
    /// Two held with a sandbox payment, the first of them then paid (it confirms when Booking reads its
    /// <c>payment.succeeded</c>, as any paid booking does), one cancelled by the tourist, one whose hold ran out.
    /// </summary>
    private async Task<int> BookAsync(IServiceProvider services, BookingDbContext db, List<Departure> departures, UserContact tourist, CancellationToken ct)
    {
        var handler = services.GetRequiredService<CreateBookingHandler>();
        var payments = services.GetService<IPaymentInitiator>();
        var made = new List<TourBooking>();
        // Every fifth departure: different tours and dates, none of them the first departure of the tour a newcomer opens first.
        foreach (var (departure, n) in departures.Where((_, i) => i % 5 == 1).Take(4).Select((d, n) => (d, n)))
        {
            var request = new CreateBookingRequest(departure.Id, 2, 0, [new ParticipantRequest("Anna Demo"), new ParticipantRequest("Ivan Demo")],
                new ContactRequest(tourist.Email, "+79000000000"));
            var result = await handler.HandleAsync(tourist.UserId, $"demo-seed-{n}", request, null, ct);
            if (result.Booking is { } booking) made.Add(booking);
        }

        foreach (var booking in made.Take(2))
            await StartPaymentAsync(payments, booking, ct);
        if (made.Count > 0 && services.GetService<ISandboxPayments>() is { } sandbox) await sandbox.PayAsync(made[0].Id, ct);
        var now = StoredTime.Now(clock);
        if (made.Count > 2)
        {
            var cancelled = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == made[2].Id, ct);
            var canceller = services.GetRequiredService<BookingCanceller>();
            var seats = services.GetRequiredService<SeatLedger>();
            await RetryingTransaction.RunAsync(db, async token =>
            {
                var done = await canceller.CancelAsync(cancelled, BookingCanceller.ByCustomer, "Demo: plans changed", 0, now, token);
                if (done) await seats.AvailabilityChangedAsync(cancelled.DepartureId, token);
                return (done, done);
            }, ct);
        }

        if (made.Count > 3)
        {
            // Its hold ends now: the hold sweeper expires it and gives the seats back, exactly as for an unpaid booking.
            await db.Bookings.Where(b => b.Id == made[3].Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.HoldExpiresAt, now.AddMinutes(-1)), ct);
        }

        return made.Count;
    }

    private static async Task StartPaymentAsync(IPaymentInitiator? payments, TourBooking booking, CancellationToken ct)
    {
        if (payments is null) return;
        await payments.StartAsync(new PaymentStartRequest(booking.Id, booking.Reference, booking.OperatorId, booking.CustomerId, booking.ContactEmail,
            booking.AmountMinor, booking.Currency, StoredTime.Utc(booking.HoldExpiresAt), NewBooking: true), ct);
    }
}
