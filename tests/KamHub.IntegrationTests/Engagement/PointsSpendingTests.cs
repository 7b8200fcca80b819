using System.Net;
using System.Text.Json;
using KamHub.Booking.Contracts;
using KamHub.Booking.Expiry;
using KamHub.Core.Events;
using KamHub.Engagement.Contracts;
using KamHub.Engagement.Data;
using KamHub.Engagement.Points;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.IntegrationTests.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KamHub.IntegrationTests.Engagement;

/// <summary>
/// Spending loyalty points at booking (ADR 0019): a tour of 5 000.00 RUB a seat, at most 30 % of it in points (1 500),
/// one point one rouble; commission 12.5 %. The clock starts 4.8 days before the departure, so a customer's
/// cancellation of a paid booking refunds 50 %.
/// </summary>
public sealed class PointsSpendingTests : IDisposable
{
    private readonly PaymentsFactory _factory = new(start: EngagementApi.Start, commissionPercent: "12.5");

    // The reconciler runs when a test says so, not when the clock moves.
    public PointsSpendingTests() =>
        _factory.With("KamHub:Engagement:PointsOrphanInterval", "1.00:00:00").With("KamHub:Engagement:PointsOrphanLookback", "2.00:00:00");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Spend_ByParallelBookingsOfOneTourist_NeverExceedsTheBalanceAndExpiredHoldsGiveThePointsBack()
    {
        var departure = await _factory.DepartureAsync(capacity: 12);
        var userId = Guid.NewGuid();
        var tourist = _factory.ClientAs("Tourist", userId: userId);
        await _factory.SeedPointsAsync(userId, 1_000, _factory.Clock.GetUtcNow());

        // Six bookings of 400 points each at once: 2 400 asked of a balance of 1 000.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => tourist.BookWithPointsAsync(departure, 400)));

        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(2, created.Count);
        Assert.Equal(800, await _factory.NetSpentAsync(userId));
        Assert.Equal(200, await tourist.PointsBalanceAsync());
        foreach (var answer in created)
        {
            var booking = await answer.JsonAsync();
            Assert.Equal(460_000, booking.GetProperty("amount").GetInt64());
            Assert.Equal(40_000, booking.GetProperty("discount").GetInt64());
            Assert.Equal(400, booking.GetProperty("pointsSpent").GetInt64());
            Assert.Equal(460_000, (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("amountMinor").GetInt64());
        }

        // Unpaid, the holds run out: the sweeper expires them and every point comes back.
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await _factory.Services.GetServices<IHostedService>().OfType<HoldSweeper>().Single().SweepOnceAsync(CancellationToken.None);
        await tourist.WaitForPointsAsync(1_000);
        Assert.Equal(0, await _factory.NetSpentAsync(userId));
    }

    [Fact]
    public async Task Reservation_WhoseHoldNeverCommitted_IsGivenBackAfterAnHour_AndAStoredBookingsIsNot()
    {
        var departure = await _factory.DepartureAsync(capacity: 12);
        var userId = Guid.NewGuid();
        var tourist = _factory.ClientAs("Tourist", userId: userId);
        await _factory.SeedPointsAsync(userId, 1_000, _factory.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Created, (await tourist.BookWithPointsAsync(departure, 400)).StatusCode);

        // The crash of ADR 0019: the reservation committed, the hold never did, so no event will ever name this booking.
        var neverStored = Guid.NewGuid();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var redemption = scope.ServiceProvider.GetRequiredService<IPointsRedemption>();
            var reserved = await redemption.ReserveAsync(new PointsReservationRequest(userId, neverStored, 300, 500_000, "RUB"), CancellationToken.None);
            Assert.Equal(PointsReservationOutcomes.Reserved, reserved.Outcome);
        }

        Assert.Equal(700, await _factory.NetSpentAsync(userId));
        var reconciler = _factory.Services.GetRequiredService<OrphanedRedemptionWorker>();
        Assert.Equal(0, await reconciler.ReturnOrphansAsync(CancellationToken.None));

        _factory.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await reconciler.ReturnOrphansAsync(CancellationToken.None));
        Assert.Equal(0, await reconciler.ReturnOrphansAsync(CancellationToken.None));
        await using var check = _factory.Services.CreateAsyncScope();
        var returned = await check.ServiceProvider.GetRequiredService<EngagementDbContext>().PointsEntries
            .SingleAsync(p => p.BookingId == neverStored && p.Kind == PointsEntry.Returned);
        Assert.Equal(300, returned.Points);
    }

    [Fact]
    public async Task Spend_PaidThenCancelledAtFiftyPercent_ChargesTheDiscountedPriceKeepsTheOperatorWholeAndReturnsHalfThePoints()
    {
        var departure = await _factory.DepartureAsync(capacity: 12);
        var userId = Guid.NewGuid();
        var tourist = _factory.ClientAs("Tourist", userId: userId);
        await _factory.SeedPointsAsync(userId, 1_200, _factory.Clock.GetUtcNow());

        await DiscoveryApi.AssertProblemAsync(await tourist.BookWithPointsAsync(departure, 1_501), HttpStatusCode.UnprocessableEntity);
        await DiscoveryApi.AssertProblemAsync(await tourist.BookWithPointsAsync(departure, -1), HttpStatusCode.BadRequest);
        await DiscoveryApi.AssertProblemAsync(await _factory.Tourist().BookWithPointsAsync(departure, 1), HttpStatusCode.Conflict);
        var answer = await tourist.BookWithPointsAsync(departure, 1_000);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var booking = await answer.JsonAsync();
        Assert.Equal(400_000, booking.GetProperty("amount").GetInt64());
        Assert.Equal(200, await tourist.PointsBalanceAsync());

        await _factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        // Paid 4 000.00, the platform adds the 1 000.00 of points: the operator gets the whole price less 12.5 % of it.
        var paid = await _factory.Operator().BalanceAsync();
        Assert.Equal(400_000, paid.GetProperty("grossMinor").GetInt64());
        Assert.Equal(100_000, paid.GetProperty("platformDiscountMinor").GetInt64());
        Assert.Equal(62_500, paid.GetProperty("commissionMinor").GetInt64());
        Assert.Equal(437_500, paid.GetProperty("balanceMinor").GetInt64());

        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null)).StatusCode);
        await _factory.WaitForRefundedAsync(booking.PaymentId(), 200_000);
        await tourist.WaitForPointsAsync(700);

        // Half of the money and half of the points back; the operator keeps what a 50 % cancellation of 5 000.00 leaves it.
        Assert.Equal(1, await _factory.AssertLedgerBalancesAsync());
        var cancelled = await _factory.Operator().BalanceAsync();
        Assert.Equal(50_000, cancelled.GetProperty("platformDiscountMinor").GetInt64());
        Assert.Equal(31_250, cancelled.GetProperty("commissionMinor").GetInt64());
        Assert.Equal(250_000 - 31_250, cancelled.GetProperty("balanceMinor").GetInt64());
    }

    [Fact]
    public async Task Pay_AfterTheHoldExpired_SpendsTheReturnedPointsAgainIntoADebtAndACancellationReturnsItsShare()
    {
        var departure = await _factory.DepartureAsync(capacity: 12);
        var userId = Guid.NewGuid();
        var tourist = _factory.ClientAs("Tourist", userId: userId);
        await _factory.SeedPointsAsync(userId, 1_200, _factory.Clock.GetUtcNow());
        var late = await (await tourist.BookWithPointsAsync(departure, 1_000)).JsonAsync();
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await _factory.Services.GetServices<IHostedService>().OfType<HoldSweeper>().Single().SweepOnceAsync(CancellationToken.None);
        await tourist.WaitForPointsAsync(1_200);
        // Meanwhile 500 of the points given back go on another booking: 700 left.
        Assert.Equal(HttpStatusCode.Created, (await tourist.BookWithPointsAsync(departure, 500)).StatusCode);

        await _factory.PayAsync(late.PaymentId());
        await tourist.WaitForStatusAsync(late.Id(), "confirmed");

        // The late booking keeps its 1 000.00 discount, so its 1 000 points are spent again: the 700 left and 300 owed.
        await BookingApi.EventuallyAsync(async () => await tourist.PointsOwedAsync() == 300, "300 points owed");
        Assert.Equal(0, await tourist.PointsBalanceAsync());
        Assert.Equal(1_500, await _factory.NetSpentAsync(userId));
        var paid = await _factory.Operator().BalanceAsync();
        Assert.Equal(400_000, paid.GetProperty("grossMinor").GetInt64());
        Assert.Equal(100_000, paid.GetProperty("platformDiscountMinor").GetInt64());

        // A 50 % cancellation: half the money and half of the retaken points back, which pay the debt first.
        Assert.Equal(HttpStatusCode.OK, (await tourist.PostAsync($"/api/bookings/{late.Id()}/cancel", null)).StatusCode);
        await _factory.WaitForRefundedAsync(late.PaymentId(), 200_000);
        await tourist.WaitForPointsAsync(200);
        Assert.Equal(0, await tourist.PointsOwedAsync());
        Assert.Equal(2, await _factory.AssertLedgerBalancesAsync()); // the late booking's payment and the other hold's, unpaid
        // Money adds up: the discount the platform still funds is the points the tourist still spends on that booking.
        var discount = (await _factory.Operator().BalanceAsync()).GetProperty("platformDiscountMinor").GetInt64();
        Assert.Equal(50_000, discount);
        Assert.Equal(discount / PointsRedemption.MinorPerPoint, await _factory.NetSpentAsync(userId) - 500);
    }

    [Fact]
    public async Task Retake_SeenBeforeTheExpiryOrAfterTheCancellation_EndsWithTheSameLedger()
    {
        var userId = Guid.NewGuid();
        await _factory.SeedPointsAsync(userId, 1_000, _factory.Clock.GetUtcNow());
        var (expiredLast, cancelledFirst) = (Guid.NewGuid(), Guid.NewGuid());
        var departure = Guid.NewGuid();
        var at = _factory.Clock.GetUtcNow();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var redemption = scope.ServiceProvider.GetRequiredService<IPointsRedemption>();
            foreach (var booking in new[] { expiredLast, cancelledFirst })
                await redemption.ReserveAsync(new PointsReservationRequest(userId, booking, 300, 500_000, "RUB"), CancellationToken.None);
        }

        // Confirmed late, then the expiry handled: the retake wrote the expiry's return, which then adds nothing.
        await HandleAsync<PointsRetakeHandler>(new BookingConfirmed(expiredLast, departure, Guid.NewGuid(), userId, 1, 470_000, "RUB", at, PointsRetaken: 300));
        await HandleAsync<PointsReturnHandler>(new BookingExpired(expiredLast, departure, 1, at));
        // Cancelled at 50 % after the late confirmation, the cancellation handled first: it retakes, then returns half.
        await HandleAsync<PointsReturnHandler>(new BookingCancelled(cancelledFirst, departure, 1, "customer", null, at, 235_000, "RUB", 50,
            PointsReturned: 150, PointsRetaken: 300));
        await HandleAsync<PointsRetakeHandler>(new BookingConfirmed(cancelledFirst, departure, Guid.NewGuid(), userId, 1, 470_000, "RUB", at, PointsRetaken: 300));
        await HandleAsync<PointsReturnHandler>(new BookingExpired(cancelledFirst, departure, 1, at));

        Assert.Equal(300 + 150, await _factory.NetSpentAsync(userId));
        await using var check = _factory.Services.CreateAsyncScope();
        var kinds = await check.ServiceProvider.GetRequiredService<EngagementDbContext>().PointsEntries.Where(p => p.UserId == userId)
            .Select(p => p.Kind).ToListAsync();
        Assert.Equal(
            [PointsEntry.Earned, PointsEntry.Redeemed, PointsEntry.Redeemed, PointsEntry.RetakeReturned, PointsEntry.Retaken, PointsEntry.Retaken,
                PointsEntry.Returned, PointsEntry.Returned],
            kinds.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>One delivery to a handler, in a transaction of its own as the bus runs it.</summary>
    private async Task HandleAsync<THandler>(object payload)
        where THandler : IEventHandler
    {
        var type = (string)payload.GetType().GetField("EventName")!.GetValue(null)!;
        var envelope = new EventEnvelope(Guid.NewGuid(), type, 1, Guid.NewGuid().ToString(), _factory.Clock.GetUtcNow(), "test", null,
            JsonSerializer.Serialize(payload, payload.GetType(), EventEnvelope.JsonOptions), 0, "booking");
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider).HandleAsync(envelope, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
