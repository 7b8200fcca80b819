using KamHub.Core.Data;
using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Booking.Policies;
using KamHub.Booking.Seats;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Discovery.Contracts;
using KamHub.Engagement.Contracts;
using KamHub.Partners.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Bookings.CreateBooking;

internal enum CreateOutcome
{
    Created,
    Replayed,
    KeyReused,
    NoDeparture,
    Closed,
    SoldOut,

    /// <summary>The tourist has fewer loyalty points than the request spends (409).</summary>
    PointsInsufficient,

    /// <summary>More points than the booking's price allows, or points cannot be spent in this process (422).</summary>
    PointsRefused,

    /// <summary>An agent without a grant of the tour's operator covering this tour now (403, ADR 0023).</summary>
    NotGranted,
}

/// <param name="Departure">The departure as read before the hold (its start and time zone do not change with seats), for the answer.</param>
internal sealed record CreateResult(CreateOutcome Outcome, TourBooking? Booking, string? Detail, Departure? Departure = null);

/// <summary>
/// Holds seats for a booking, in one transaction that touches the contended departure row last: the booking row and
/// booking.created are written first (the unique (customer, Idempotency-Key) index makes a repeat or a concurrent
/// duplicate fail there, before any seat moves; the loser answers with the winner's booking), then the seats are
/// taken by the conditional UPDATE of ADR 0005 and the transaction commits, on PostgreSQL in the same round trip, so
/// the departure row is locked for the server's time only. A refusal rolls everything back; only then are the
/// departure's run-out holds reclaimed (they never count as taken) and the hold tried once more.
/// availability.changed is not written here: the seat UPDATE moves the departure's availability version and
/// <see cref="AvailabilityPublisher"/> announces it after the commit.
/// The booking copies its price (adults × price + children × child fare) and its cancellation policy (the departure's,
/// else the tour's, else the configured default), so later edits of the departure or the tour do not change it.
/// Points spent on the booking are reserved in Engagement (<see cref="IPointsRedemption"/>) before the hold, under the
/// booking's id; every way the hold can end without a stored booking gives them back at once (ADR 0019).
/// </summary>
internal sealed class CreateBookingHandler(BookingDbContext db, SeatLedger seats, IEventPublisher events, ITourCatalog catalog, IOptions<BookingOptions> options,
    TimeProvider clock, IServiceProvider services)
{
    private const int ReferenceAttempts = 3;

    public async Task<CreateResult> HandleAsync(
        Guid customerId, string key, CreateBookingRequest request, AgentSale? sale, CancellationToken ct)
    {
        var fingerprint = IdempotencyFingerprint.Of(request);
        var departure = await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.DepartureId, ct);
        var now = StoredTime.Now(clock);
        if (Refusal(departure, request, now) is { } refusal)
        {
            // A repeat of a request that was answered before gets that answer, even after the departure closed.
            return await ReplayAsync(customerId, key, fingerprint, sale, ct) ?? refusal;
        }

        AgentGrantView? grant = null;
        if (sale is not null)
        {
            // A retry gets its booking even if the grant was revoked since; a new sale needs a grant valid now.
            if (await ReplayAsync(customerId, key, fingerprint, sale, ct) is { } replayed) return replayed;
            grant = await sale.GrantAsync(departure!.OperatorId, departure.TourId, StoredTime.Utc(now), services, ct);
            if (grant is null) return new CreateResult(CreateOutcome.NotGranted, null, "You hold no grant of this tour's operator to sell it.");
        }

        // Read before the transaction: the catalog is another module's database (and may one day be a remote call).
        var policy = departure!.CancellationPolicy is null
            ? await TourPolicy.FallbackAsync(catalog, departure.TourId, options.Value, ct)
            : PolicyJson.Read(departure.CancellationPolicy, options.Value.EffectiveDefaultPolicy);
        var bookingId = Guid.CreateVersion7();
        var booker = new Booker(customerId, key, fingerprint, sale, grant);
        if (request.Points is not > 0) return await HoldOrRefuseAsync(bookingId, departure, policy, booker, request, 0, now, ct);

        // A repeat is answered before anything is reserved; a concurrent duplicate is caught by the key index below.
        if (await ReplayAsync(customerId, key, fingerprint, sale, ct) is { } replay) return replay;
        if (services.GetService<IPointsRedemption>() is not { } redemption)
            return new CreateResult(CreateOutcome.PointsRefused, null, "Loyalty points cannot be spent here.");
        var price = Price(departure, request);
        var reservation = await redemption.ReserveAsync(new PointsReservationRequest(customerId, bookingId, request.Points.Value, price, departure.Currency), ct);
        switch (reservation.Outcome)
        {
            case PointsReservationOutcomes.InsufficientBalance:
                return new CreateResult(CreateOutcome.PointsInsufficient, null, $"You have {reservation.Balance} points; this booking asks for {request.Points}.");
            case PointsReservationOutcomes.OverLimit:
                return new CreateResult(CreateOutcome.PointsRefused, null, $"At most {reservation.MaxPoints} points can be spent on this booking.");
        }

        var held = false;
        try
        {
            var result = await HoldOrRefuseAsync(bookingId, departure, policy, booker, request, reservation.DiscountMinor, now, ct);
            held = result.Outcome == CreateOutcome.Created;
            return result;
        }
        finally
        {
            // Sold out, a duplicate that won, a failure: no booking of this id exists, so nothing will ever give the points back but this.
            if (!held) await redemption.ReleaseAsync(bookingId, CancellationToken.None);
        }
    }

    private async Task<CreateResult> HoldOrRefuseAsync(Guid bookingId, Departure departure, CancellationPolicy policy, Booker booker,
        CreateBookingRequest request, long discountMinor, DateTime now, CancellationToken ct)
    {
        var (customerId, key, fingerprint, sale, _) = booker;
        var reclaimed = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await HoldAsync(bookingId, departure, policy, booker, request, discountMinor, now, ct) is { } booking)
                    return new CreateResult(CreateOutcome.Created, booking, null, departure);
                if (!reclaimed)
                {
                    // Once more after reclaiming, even when this found nothing: the sweeper may have released seats meanwhile.
                    reclaimed = true;
                    await ReclaimAsync(departure.Id, now, ct);
                    continue;
                }

                // A concurrent duplicate may have taken the last seats: it answers for this request too.
                return await ReplayAsync(customerId, key, fingerprint, sale, ct)
                    ?? new CreateResult(CreateOutcome.SoldOut, null, $"Not enough seats left on this departure for {request.Seats()}.");
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await ReplayAsync(customerId, key, fingerprint, sale, ct) is { } duplicate) return duplicate;
                if (attempt >= ReferenceAttempts) throw; // not the idempotency key: a reference collided three times
            }
        }
    }

    private static CreateResult? Refusal(Departure? departure, CreateBookingRequest request, DateTime now)
    {
        if (departure is null) return new CreateResult(CreateOutcome.NoDeparture, null, $"There is no departure {request.DepartureId}.");
        if (departure.Status != DepartureStatus.Scheduled) return new CreateResult(CreateOutcome.Closed, null, "The departure is cancelled.");
        if (now >= departure.StartsAt.AddMinutes(-departure.CutOffMinutes))
            return new CreateResult(CreateOutcome.Closed, null, "Bookings for this departure are closed (past its cut-off before the start).");
        return null;
    }

    /// <summary>The booking if the seats were taken and everything committed; null when the departure was closed or full (nothing committed).</summary>
    private async Task<TourBooking?> HoldAsync(Guid bookingId, Departure departure, CancellationPolicy policy, Booker booker,
        CreateBookingRequest request, long discountMinor, DateTime now, CancellationToken ct)
    {
        // A failed statement fails the whole hold, which is rolled back: EF's savepoint around SaveChanges would buy nothing.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var booking = NewBooking(bookingId, departure, policy, booker, request, discountMinor, now);
            db.Bookings.Add(booking);
            events.Publish(db, booking.Id.ToString(), new BookingCreated(booking.Id, booking.DepartureId, booking.TourId, booking.CustomerId, booking.Seats,
                booking.AmountMinor, booking.Currency, StoredTime.Utc(booking.HoldExpiresAt), StoredTime.Utc(now), booking.AgentId));
            await db.SaveChangesAsync(ct);
            if (await seats.TakeAndCommitAsync(transaction, departure.Id, request.Seats(), ct)) return booking;

            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return null;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private static long Price(Departure departure, CreateBookingRequest request) =>
        departure.PriceMinor * request.Adults!.Value + departure.ChildFare * (request.Children ?? 0);

    private TourBooking NewBooking(Guid bookingId, Departure departure, CancellationPolicy policy, Booker booker, CreateBookingRequest request,
        long discountMinor, DateTime now)
    {
        var (adults, children) = (request.Adults!.Value, request.Children ?? 0);
        return new TourBooking
        {
            Id = bookingId,
            Reference = BookingReference.New(),
            DepartureId = departure.Id,
            TourId = departure.TourId,
            OperatorId = departure.OperatorId,
            CustomerId = booker.CustomerId,
            AgentId = booker.Sale?.AgentId,
            AgentCommissionBasisPoints = booker.Grant?.CommissionBasisPoints,
            AgencyId = booker.Grant?.AgencyId,
            Adults = adults,
            Children = children,
            Seats = request.Seats(),
            AmountMinor = Price(departure, request) - discountMinor,
            DiscountMinor = discountMinor,
            PointsSpent = discountMinor > 0 ? request.Points ?? 0 : 0,
            Currency = departure.Currency,
            Status = BookingStatus.Held,
            HoldExpiresAt = now.AddMinutes(options.Value.HoldMinutes),
            Participants = BookingDto.WriteParticipants(request.Participants!.Select(p => new ParticipantDto(p!.Name!.Trim()))),
            ContactEmail = request.Contact!.Email!.Trim(),
            ContactPhone = PhoneNumbers.ToE164(request.Contact.Phone),
            CancellationPolicy = PolicyJson.Write(policy),
            IdempotencyKey = booker.Key,
            RequestHash = booker.Fingerprint,
            CreatedAt = now,
        };
    }

    /// <summary>Expires the departure's run-out holds and returns their seats, in a transaction of its own.</summary>
    private Task<int> ReclaimAsync(Guid departureId, DateTime now, CancellationToken ct) =>
        RetryingTransaction.RunAsync(db, async token =>
        {
            var released = await seats.ReclaimExpiredAsync(departureId, now, token);
            return (released > 0, released);
        }, ct);

    /// <summary>The booking an earlier request with this key made. A key the customer used can never hand an agent its booking, nor the other way round.</summary>
    private async Task<CreateResult?> ReplayAsync(Guid customerId, string key, string fingerprint, AgentSale? sale, CancellationToken ct)
    {
        var existing = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.CustomerId == customerId && b.IdempotencyKey == key, ct);
        if (existing is null) return null;
        return existing.RequestHash == fingerprint && existing.AgentId == sale?.AgentId
            ? new CreateResult(CreateOutcome.Replayed, existing, null)
            : new CreateResult(CreateOutcome.KeyReused, existing, "This Idempotency-Key was already used with a different request body.");
    }
}

/// <summary>Who a hold is for and how the request is recognised again: the customer, its Idempotency-Key and fingerprint, and an agent's sale with its grant.</summary>
internal sealed record Booker(Guid CustomerId, string Key, string Fingerprint, AgentSale? Sale, AgentGrantView? Grant);
