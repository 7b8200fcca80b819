using KamHub.Core.Data;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Booking.Seats;
using KamHub.Core.Events;
using KamHub.Discovery.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.Booking.Bookings.CreateBooking;

internal enum CreateOutcome
{
    Created,
    Replayed,
    KeyReused,
    NoDeparture,
    Closed,
    SoldOut,
}

/// <param name="Departure">The departure as read before the hold (its start and time zone do not change with seats), for the answer.</param>
internal sealed record CreateResult(CreateOutcome Outcome, TourBooking? Booking, string? Detail, Departure? Departure = null);

/// <summary>
/// Holds seats for a booking. In one transaction: run-out holds of the departure are reclaimed, the seats are taken by
/// a conditional UPDATE of the departure's counter (ADR 0005), the booking and its events are inserted. The unique
/// (customer, Idempotency-Key) index makes concurrent duplicates collide; the loser answers with the winner's booking.
/// The booking copies its price (adults × price + children × child fare) and its cancellation policy (the departure's,
/// else the tour's, else the configured default), so later edits of the departure or the tour do not change it.
/// </summary>
internal sealed class CreateBookingHandler(BookingDbContext db, SeatLedger seats, IEventPublisher events, ITourCatalog catalog, IOptions<BookingOptions> options,
    TimeProvider clock)
{
    private const int ReferenceAttempts = 3;

    public async Task<CreateResult> HandleAsync(
        Guid customerId, string key, CreateBookingRequest request, CancellationToken ct)
    {
        var fingerprint = IdempotencyFingerprint.Of(request);
        if (await ReplayAsync(customerId, key, fingerprint, ct) is { } replay) return replay;

        var departure = await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.DepartureId, ct);
        if (departure is null) return new CreateResult(CreateOutcome.NoDeparture, null, $"There is no departure {request.DepartureId}.");
        var now = BookingClock.Now(clock);
        if (departure.Status != DepartureStatus.Scheduled) return new CreateResult(CreateOutcome.Closed, null, "The departure is cancelled.");
        if (now >= departure.StartsAt.AddMinutes(-departure.CutOffMinutes))
            return new CreateResult(CreateOutcome.Closed, null, "Bookings for this departure are closed (past its cut-off before the start).");

        // Read before the transaction: the catalog is another module's database (and may one day be a remote call).
        var policy = departure.CancellationPolicy is null
            ? await TourPolicy.FallbackAsync(catalog, departure.TourId, options.Value, ct)
            : PolicyJson.Read(departure.CancellationPolicy, options.Value.EffectiveDefaultPolicy);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var booking = await RetryingTransaction.RunAsync(db, token => HoldAsync(departure, policy, customerId, key, fingerprint, request, now, token), ct);
                if (booking is not null) return new CreateResult(CreateOutcome.Created, booking, null, departure);
                // A concurrent duplicate may have taken the last seats: it answers for this request too.
                return await ReplayAsync(customerId, key, fingerprint, ct)
                    ?? new CreateResult(CreateOutcome.SoldOut, null, $"Not enough seats left on this departure for {request.Seats}.");
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await ReplayAsync(customerId, key, fingerprint, ct) is { } duplicate) return duplicate;
                if (attempt >= ReferenceAttempts) throw; // not the idempotency key: a reference collided three times
            }
        }
    }

    private async Task<(bool, TourBooking?)> HoldAsync(Departure departure, CancellationPolicy policy, Guid customerId, string key, string fingerprint, CreateBookingRequest request,
        DateTime now, CancellationToken ct)
    {
        await seats.ReclaimExpiredAsync(departure.Id, now, ct);
        if (await seats.TryTakeReturningAsync(departure.Id, request.Seats, ct) is not { } counter) return (false, null);

        var settings = options.Value;
        var (adults, children) = (request.Adults!.Value, request.Children ?? 0);
        var booking = new TourBooking
        {
            Id = Guid.CreateVersion7(),
            Reference = BookingReference.New(),
            DepartureId = departure.Id,
            TourId = departure.TourId,
            OperatorId = departure.OperatorId,
            CustomerId = customerId,
            Adults = adults,
            Children = children,
            Seats = request.Seats,
            AmountMinor = departure.PriceMinor * adults + departure.ChildFare * children,
            Currency = departure.Currency,
            Status = BookingStatus.Held,
            HoldExpiresAt = now.AddMinutes(settings.HoldMinutes),
            Participants = BookingDto.WriteParticipants(request.Participants!.Select(p => new ParticipantDto(p!.Name!.Trim()))),
            ContactEmail = request.Contact!.Email!.Trim(),
            ContactPhone = request.Contact.Phone?.Trim(),
            CancellationPolicy = PolicyJson.Write(policy),
            IdempotencyKey = key,
            RequestHash = fingerprint,
            CreatedAt = now,
        };
        db.Bookings.Add(booking);
        events.Publish(db, booking.Id.ToString(), new BookingCreated(booking.Id, booking.DepartureId, booking.TourId, customerId, booking.Seats,
            booking.AmountMinor, booking.Currency, BookingClock.Utc(booking.HoldExpiresAt), BookingClock.Utc(now)));
        seats.PublishAvailability(departure.Id, counter, now);
        return (true, booking);
    }

    private async Task<CreateResult?> ReplayAsync(Guid customerId, string key, string fingerprint, CancellationToken ct)
    {
        var existing = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.CustomerId == customerId && b.IdempotencyKey == key, ct);
        if (existing is null) return null;
        return existing.RequestHash == fingerprint
            ? new CreateResult(CreateOutcome.Replayed, existing, null)
            : new CreateResult(CreateOutcome.KeyReused, existing, "This Idempotency-Key was already used with a different request body.");
    }
}
