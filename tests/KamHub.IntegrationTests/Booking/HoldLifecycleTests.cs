using System.Net;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Contracts;

namespace KamHub.IntegrationTests.Booking;

/// <summary>Holds, the sweeper and payments arriving through the bus, in every order.</summary>
public sealed class HoldLifecycleTests : IDisposable
{
    private readonly BookingFactory _factory = new(sweepInterval: "00:01:00");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateBooking_WhenSeatsAreFree_HoldsThemWithReferenceAmountAndExpiry()
    {
        var departure = await _factory.DepartureAsync(capacity: 12);

        var booking = await _factory.Tourist().HoldAsync(departure, adults: 2);

        Assert.Equal("held", booking.GetProperty("status").GetString());
        Assert.Matches("^KH-[2-9A-Z]{4}-[2-9A-Z]{4}$", booking.GetProperty("reference").GetString());
        Assert.Equal(1_000_000, booking.GetProperty("amount").GetInt64());
        Assert.Equal("RUB", booking.GetProperty("currency").GetString());
        Assert.Equal(_factory.Clock.GetUtcNow().AddMinutes(15), booking.GetProperty("holdExpiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        // The Payments module's default provider answers with its hosted page.
        Assert.Equal("sandbox", booking.GetProperty("payment").GetProperty("provider").GetString());
        Assert.Equal(10, await _factory.SeatsLeftAsync(departure));
        Assert.Single(await _factory.EventsAsync("booking.created", booking.Id()));
    }

    [Fact]
    public async Task Sweeper_WhenAHoldRunsOut_ExpiresItAndPublishesExpiredAndAvailability()
    {
        var departure = await _factory.DepartureAsync(capacity: 4);
        var booking = await _factory.Tourist().HoldAsync(departure, adults: 3);

        _factory.Clock.Advance(TimeSpan.FromMinutes(16));

        await BookingApi.EventuallyAsync(async () => (await _factory.EventsAsync("booking.expired", booking.Id())).Count == 1, "booking.expired by the sweeper");
        // availability.changed follows the commit (AvailabilityPublisher), newest first.
        await BookingApi.EventuallyAsync(async () => await _factory.EventsAsync("availability.changed", departure) is [var last, ..] && last.GetProperty("seatsLeft").GetInt32() == 4,
            "availability.changed with the seats back");
        Assert.Equal(4, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task PaymentSucceeded_WhenTheHoldIsLive_ConfirmsTheBooking()
    {
        var departure = await _factory.DepartureAsync(capacity: 4);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure, adults: 2);

        await _factory.PaySucceededAsync(booking);

        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "booking confirmed");
        Assert.Single(await _factory.EventsAsync("booking.confirmed", booking.Id()));
        _factory.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("confirmed", await tourist.StatusAsync(booking.Id()));
        Assert.Equal(2, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task PaymentSucceeded_AfterExpiryWhileSeatsAreStillFree_ReacquiresThemAndConfirms()
    {
        var departure = await _factory.DepartureAsync(capacity: 2);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure, adults: 2);
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await BookingApi.EventuallyAsync(async () => (await _factory.EventsAsync("booking.expired", booking.Id())).Count == 1, "hold swept");

        await _factory.PaySucceededAsync(booking);

        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "late payment confirmed");
        Assert.Equal(0, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task PaymentSucceeded_AfterExpiryWhenTheSeatsWereSold_CancelsAndRefundsInFull()
    {
        var departure = await _factory.DepartureAsync(capacity: 2);
        var tourist = _factory.Tourist();
        var late = await tourist.HoldAsync(departure, adults: 2);
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var other = await _factory.Tourist().HoldAsync(departure, adults: 2);

        await _factory.PaySucceededAsync(late);

        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(late.Id()) == "cancelled", "late payment refused");
        var cancelled = Assert.Single(await _factory.EventsAsync("booking.cancelled", late.Id()));
        Assert.Equal("payment-after-expiry", cancelled.GetProperty("reason").GetString());
        Assert.Equal(late.GetProperty("amount").GetInt64(), cancelled.GetProperty("refundMinor").GetInt64());
        Assert.Equal(100, cancelled.GetProperty("refundPercent").GetInt32());
        var refund = (await tourist.GetJsonAsync($"/api/bookings/{late.Id()}")).GetProperty("refund");
        Assert.Equal(late.GetProperty("amount").GetInt64(), refund.GetProperty("amount").GetInt64());
        Assert.Equal("held", await _factory.Admin().StatusAsync(other.Id()));
        Assert.Equal(0, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task PaymentFailed_WhenHeld_CancelsAndReleasesTheSeats()
    {
        var departure = await _factory.DepartureAsync(capacity: 3);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure, adults: 3);

        await _factory.PublishAsync(Guid.NewGuid().ToString(), new PaymentFailed(Guid.NewGuid(), booking.Id(), booking.GetProperty("amount").GetInt64(), "RUB",
            "test", "card_declined", _factory.Clock.GetUtcNow()));

        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "cancelled", "hold released");
        Assert.Equal(3, await _factory.SeatsLeftAsync(departure));
        var cancelled = Assert.Single(await _factory.EventsAsync("booking.cancelled", booking.Id()));
        Assert.Equal("payment-failed", cancelled.GetProperty("reason").GetString());
        Assert.Equal(0, cancelled.GetProperty("refundMinor").GetInt64());
    }

    [Fact]
    public async Task PaymentFailed_AfterConfirmation_ChangesNothing()
    {
        var departure = await _factory.DepartureAsync(capacity: 3);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure, adults: 1);
        await _factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(booking.Id()) == "confirmed", "confirmed");

        await _factory.PublishAsync("late-failure", new PaymentFailed(Guid.NewGuid(), booking.Id(), 1, "RUB", "test", "declined", _factory.Clock.GetUtcNow()));
        var fence = await tourist.HoldAsync(departure, adults: 1);
        await _factory.PaySucceededAsync(fence);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(fence.Id()) == "confirmed", "a later event handled");

        Assert.Equal("confirmed", await tourist.StatusAsync(booking.Id()));
        Assert.Empty(await _factory.EventsAsync("booking.cancelled", booking.Id()));
    }

    [Fact]
    public async Task CancelBooking_WhenTheBookerCancelsAHold_ReleasesSeatsWithoutRefundAndStaysTerminal()
    {
        var departure = await _factory.DepartureAsync(capacity: 3);
        var tourist = _factory.Tourist();
        var booking = await tourist.HoldAsync(departure, adults: 2);

        var cancel = await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null);
        var again = await tourist.PostAsync($"/api/bookings/{booking.Id()}/cancel", null);
        await _factory.PaySucceededAsync(booking);
        await BookingApi.EventuallyAsync(async () => (await _factory.EventsAsync("booking.cancelled", booking.Id())).Count == 2, "payment after cancellation refunded");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(0, (await cancel.JsonAsync()).GetProperty("refund").GetProperty("amount").GetInt64());
        await BookingAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("cancelled", await tourist.StatusAsync(booking.Id()));
        Assert.Equal(3, await _factory.SeatsLeftAsync(departure));
        var refund = (await _factory.EventsAsync("booking.cancelled", booking.Id()))[0];
        Assert.Equal("payment-after-cancellation", refund.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CancelDeparture_WithBookings_CancelsThemWithFullRefundForThePaid()
    {
        var departure = await _factory.DepartureAsync(capacity: 5);
        var tourist = _factory.Tourist();
        var paid = await tourist.HoldAsync(departure, adults: 2);
        var held = await tourist.HoldAsync(departure, adults: 1);
        await _factory.PaySucceededAsync(paid);
        await BookingApi.EventuallyAsync(async () => await tourist.StatusAsync(paid.Id()) == "confirmed", "confirmed");

        var response = await _factory.Operator().PostAsync($"/api/departures/{departure}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", await tourist.StatusAsync(paid.Id()));
        Assert.Equal("cancelled", await tourist.StatusAsync(held.Id()));
        var refund = Assert.Single(await _factory.EventsAsync("booking.cancelled", paid.Id()));
        Assert.Equal(paid.GetProperty("amount").GetInt64(), refund.GetProperty("refundMinor").GetInt64());
        await BookingAssert.ProblemAsync(await tourist.BookAsync(BookingApi.BookingBody(departure)), HttpStatusCode.Conflict);
    }
}
