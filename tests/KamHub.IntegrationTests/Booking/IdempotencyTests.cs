using System.Net;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Booking;

public sealed class IdempotencyTests : IDisposable
{
    private readonly BookingFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateBooking_WhenRetriedWithTheSameKeyAndBody_AnswersTheSameBookingOnce()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var tourist = _factory.Tourist();
        var body = BookingApi.BookingBody(departure, adults: 2);

        var first = await tourist.BookAsync(body, "retry-1");
        var second = await tourist.BookAsync(body, "retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var (a, b) = (await first.JsonAsync(), await second.JsonAsync());
        Assert.Equal(a.Id(), b.Id());
        Assert.Equal(a.GetProperty("reference").GetString(), b.GetProperty("reference").GetString());
        Assert.Equal(8, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task CreateBooking_WhenTheKeyComesBackWithAnotherBody_Answers422AndBooksNothing()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var tourist = _factory.Tourist();
        await tourist.BookAsync(BookingApi.BookingBody(departure, adults: 1), "reused");

        var other = await tourist.BookAsync(BookingApi.BookingBody(departure, adults: 3), "reused");

        await BookingAssert.ProblemAsync(other, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(9, await _factory.SeatsLeftAsync(departure));
    }

    [Fact]
    public async Task CreateBooking_WhenDuplicatesArriveConcurrently_MakesOneBooking()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var tourist = _factory.Tourist();
        var body = BookingApi.BookingBody(departure, adults: 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tourist.BookAsync(body, "burst")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Id()));
        Assert.Single(ids.Distinct());
        Assert.Equal(8, await _factory.SeatsLeftAsync(departure));
        var mine = await tourist.GetJsonAsync("/api/me/bookings");
        Assert.Single(mine.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task CreateBooking_WhenTheDuplicateTakesTheLastSeats_AnswersTheBookingNot409()
    {
        var departure = await _factory.DepartureAsync(capacity: 2);
        var tourist = _factory.Tourist();
        var body = BookingApi.BookingBody(departure, adults: 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => tourist.BookAsync(body, "last-seats")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(0, await _factory.SeatsLeftAsync(departure));
    }
}
