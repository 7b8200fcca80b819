using System.Net;
using System.Net.Http.Json;
using System.Text;
using KamHub.IntegrationTests.Discovery;

namespace KamHub.IntegrationTests.Booking;

public sealed class BookingBadInputTests : IClassFixture<BookingBadInputTests.Fixture>
{
    private readonly Fixture _fx;

    public BookingBadInputTests(Fixture fx) => _fx = fx;

    public sealed class Fixture : IAsyncLifetime
    {
        public BookingFactory Factory { get; } = new();

        public Guid Tour { get; private set; }

        public Guid Departure { get; private set; }

        public async Task InitializeAsync()
        {
            Tour = await Factory.PublishedTourAsync();
            Departure = (await Factory.Operator().ScheduleAsync(Tour, BookingApi.DepartureBody())).Id();
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string, string> BadDepartures() => new()
    {
        { """{"startsAt":"2027-07-01T08:00","timeZone":"Mars/Olympus","capacity":12}""", "timeZone" },
        { """{"startsAt":"2027-07-01T08:00","capacity":12}""", "timeZone" },
        { """{"startsAt":"2027-07-01T08:00+12:00","timeZone":"Asia/Kamchatka","capacity":12}""", "startsAt" },
        { """{"startsAt":"next tuesday","timeZone":"Asia/Kamchatka","capacity":12}""", "startsAt" },
        { """{"startsAt":"2020-07-01T08:00","timeZone":"Asia/Kamchatka","capacity":12}""", "startsAt" },
        { """{"startsAt":"2027-03-28T02:30","timeZone":"Europe/Berlin","capacity":12}""", "startsAt" },
        { """{"startsAt":"2027-07-01T08:00","timeZone":"Asia/Kamchatka","capacity":0}""", "capacity" },
        { """{"startsAt":"2027-07-01T08:00","timeZone":"Asia/Kamchatka"}""", "capacity" },
        { """{"startsAt":"2027-07-01T08:00","timeZone":"Asia/Kamchatka","capacity":5,"priceOverride":-1}""", "priceOverride" },
        { """{"startsAt":"2027-07-01T08:00","timeZone":"Asia/Kamchatka","capacity":5,"cancellationPolicy":{"tiers":[{"refundPercent":50}]}}""", "cancellationPolicy.tiers[0]" },
    };

    [Theory]
    [MemberData(nameof(BadDepartures))]
    public async Task ScheduleDeparture_WithBadField_Answers400NamingIt(string json, string field)
    {
        var response = await _fx.Factory.Operator().PostAsync($"/api/tours/{_fx.Tour}/departures", new StringContent(json, Encoding.UTF8, "application/json"));
        await BookingAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    public static TheoryData<string, string> BadBookings() => new()
    {
        { """{"adults":1,"children":0,"participants":[{"name":"A"}],"contact":{"email":"a@b.c"}}""", "departureId" },
        { """{"departureId":"DEP","adults":0,"children":0,"participants":[],"contact":{"email":"a@b.c"}}""", "adults" },
        { """{"departureId":"DEP","adults":2,"children":0,"participants":[{"name":"A"}],"contact":{"email":"a@b.c"}}""", "participants" },
        { """{"departureId":"DEP","adults":1,"children":0,"participants":[{"name":" "}],"contact":{"email":"a@b.c"}}""", "participants[0].name" },
        { """{"departureId":"DEP","adults":1,"children":-1,"participants":[{"name":"A"}],"contact":{"email":"a@b.c"}}""", "children" },
        { """{"departureId":"DEP","adults":1,"children":0,"participants":[{"name":"A"}],"contact":{"email":"nope"}}""", "contact.email" },
        { """{"departureId":"DEP","adults":1,"children":0,"participants":[{"name":"A"}]}""", "contact" },
        { """{"departureId":"DEP","adults":30,"children":0,"participants":[],"contact":{"email":"a@b.c"}}""", "adults" },
    };

    [Theory]
    [MemberData(nameof(BadBookings))]
    public async Task CreateBooking_WithBadField_Answers400NamingIt(string json, string field)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = new StringContent(json.Replace("DEP", _fx.Departure.ToString(), StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await BookingAssert.ProblemAsync(await _fx.Factory.Tourist().SendAsync(request), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task CreateBooking_WithoutIdempotencyKey_Answers400NamingTheHeader()
    {
        var response = await _fx.Factory.Tourist().PostAsJsonAsync("/api/bookings", BookingApi.BookingBody(_fx.Departure));
        await BookingAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Fact]
    public async Task CreateBooking_WithMalformedJsonOrUnknownField_Answers400()
    {
        var tourist = _fx.Factory.Tourist();
        foreach (var json in new[] { "{not json", """{"departureId":"not-a-guid"}""", """{"departureId":null,"seatsPlease":3}""" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            await BookingAssert.ProblemAsync(await tourist.SendAsync(request), HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task CreateBooking_ForAnUnknownDeparture_Answers404()
    {
        var response = await _fx.Factory.Tourist().BookAsync(BookingApi.BookingBody(Guid.NewGuid()));
        await BookingAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListDepartures_WithBadWindow_Answers400NamingTheField()
    {
        var client = _fx.Factory.CreateClient();
        await BookingAssert.ProblemAsync(await client.GetAsync($"/api/tours/{_fx.Tour}/departures?from=yesterday"), HttpStatusCode.BadRequest, "from");
        await BookingAssert.ProblemAsync(await client.GetAsync($"/api/tours/{_fx.Tour}/departures?from=2027-07-02&to=2027-07-01"), HttpStatusCode.BadRequest, "to");
    }
}
