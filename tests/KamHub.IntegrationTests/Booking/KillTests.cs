using System.Net;
using System.Text.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace KamHub.IntegrationTests.Booking;

/// <summary>
/// Issue 4's kill test: the real server process is killed with SIGKILL while bookings (and, when the Payments module
/// answers with a payment, sandbox payments and their webhooks) are in flight, restarted on the same database, and
/// must have lost no booking it acknowledged with 201, booked nothing no client can learn of, kept the capacity rule
/// (seats counter = held + confirmed seats, never negative, never above capacity), and, once the event bus has caught
/// up, confirmed every booking whose payment succeeded and no other.
/// </summary>
public sealed class KillTests(ITestOutputHelper output) : IDisposable
{
    private const int AttemptsPerRound = 60;
    private const int InFlight = 12;

    /// <summary>Each round's own departures: 60 seats against about 120 asked, so each round races for its last seats too.</summary>
    private static readonly int[] Capacities = [25, 35];

    /// <summary>Kill moments by progress (answers received in the round), not by the clock, so they land mid-load on any machine.</summary>
    private static readonly int[] KillAfterAnswers = [8, 20, 35];

    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Server_WhenKilledWhileBookingsAreInFlight_KeepsEveryAcknowledgedBookingAndTheCapacityRule()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"random seed {seed}");
        var random = new Random(seed);
        var rows = new KillTestDatabase(_database);
        var acknowledged = new Dictionary<Guid, JsonElement>();
        var paid = new HashSet<Guid>();

        ServerProcess? server = await KillTestServer.StartAsync(_database);
        try
        {
            for (var round = 0; round < KillAfterAnswers.Length; round++)
            {
                var departures = await ScheduleDeparturesAsync(server, round);
                using var tourist = await KillTestServer.SignInAsync(server, "tourist");
                var attempts = Enumerable.Range(0, AttemptsPerRound)
                    .Select(i => new KillTestAttempt($"kill-{round}-{i}", departures[random.Next(departures.Count)], random.Next(1, 4), Pay: random.Next(2) == 0)).ToList();
                var load = new KillTestLoad(tourist, InFlight);
                var running = load.RunAsync(attempts);
                await WaitUntilAsync(() => load.Answered >= KillAfterAnswers[round] || running.IsCompleted);

                load.ServerKilled();
                var killed = server;
                server = null;
                await killed.DisposeAsync(); // Process.Kill: SIGKILL, no graceful shutdown
                var results = await running;
                foreach (var created in results.Where(r => r.Outcome == KillTestOutcome.Created)) acknowledged.Add(created.Booking!.Value.Id(), created.Booking.Value);
                paid.UnionWith(results.Where(r => r.Payment == KillTestPayment.Paid).Select(r => r.Booking!.Value.Id()));
                var unanswered = results.Where(r => r.Outcome == KillTestOutcome.NoAnswer).Select(r => r.Attempt).ToList();
                output.WriteLine($"round {round + 1}: killed after {load.Answered} answers: {Count(results, KillTestOutcome.Created)} × 201, " +
                    $"{Count(results, KillTestOutcome.SoldOut)} × 409, {unanswered.Count} in flight, {Count(results, KillTestOutcome.NotSent)} not sent; " +
                    $"payments: {results.Count(r => r.Payment == KillTestPayment.Paid)} paid, {results.Count(r => r.Payment == KillTestPayment.Unknown)} unknown");

                server = await KillTestServer.StartAsync(_database);
                await RetryUnansweredAsync(server, unanswered, rows, acknowledged);
                if (acknowledged.Values.Any(HasPayment)) await AssertPaymentsTransitionedAsync(rows, paid);
                await AssertConsistentAsync(server, rows, acknowledged);
            }
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }

        output.WriteLine($"{acknowledged.Count} bookings acknowledged, all kept");
        Assert.NotEmpty(acknowledged);
    }

    private static async Task<List<Guid>> ScheduleDeparturesAsync(ServerProcess server, int round)
    {
        using var operatorClient = await KillTestServer.SignInAsync(server, "operator");
        var tour = (await operatorClient.CreatePublishedAsync(DiscoveryApi.TourBody())).Id();
        var departures = new List<Guid>();
        for (var i = 0; i < Capacities.Length; i++)
            departures.Add((await operatorClient.ScheduleAsync(tour, BookingApi.DepartureBody($"2027-0{round + 7}-0{i + 1}T08:00", capacity: Capacities[i]))).Id());
        return departures;
    }

    /// <summary>
    /// A client whose request died with the server retries it with the same Idempotency-Key and body. If the booking
    /// committed before the kill the retry must find it (200, same id); otherwise it is booked now (201) or sold out (409).
    /// </summary>
    private async Task RetryUnansweredAsync(ServerProcess server, List<KillTestAttempt> unanswered, KillTestDatabase rows, Dictionary<Guid, JsonElement> acknowledged)
    {
        using var tourist = await KillTestServer.SignInAsync(server, "tourist");
        var committed = (await rows.BookingsAsync()).ToDictionary(b => b.IdempotencyKey, b => b.Id);
        var replayed = 0;
        foreach (var attempt in unanswered)
        {
            var response = await tourist.BookAsync(attempt.Body, attempt.Key);
            var text = await response.Content.ReadAsStringAsync();
            if (committed.TryGetValue(attempt.Key, out var id))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"retry of committed {attempt.Key}: {response.StatusCode}: {text}");
                Assert.Equal(id, JsonDocument.Parse(text).RootElement.Id());
                replayed++;
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"retry of {attempt.Key}: {response.StatusCode}: {text}");
            }

            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                var booking = JsonDocument.Parse(text).RootElement.Clone();
                acknowledged[booking.Id()] = booking;
            }
        }

        output.WriteLine($"  after restart: {unanswered.Count} retried, {replayed} of them had committed before the kill");
    }

    private static async Task AssertConsistentAsync(ServerProcess server, KillTestDatabase rows, Dictionary<Guid, JsonElement> acknowledged)
    {
        using var tourist = await KillTestServer.SignInAsync(server, "tourist");
        foreach (var (id, answer) in acknowledged)
        {
            var booking = await tourist.GetJsonAsync($"/api/bookings/{id}");
            Assert.Equal(answer.GetProperty("reference").GetString(), booking.GetProperty("reference").GetString());
            Assert.Equal(answer.GetProperty("departureId").GetGuid(), booking.GetProperty("departureId").GetGuid());
            Assert.Contains(booking.GetProperty("status").GetString(), (string[])["held", "confirmed"]);
        }

        // Every booking row is one a client holds an answer for: nothing was booked that nobody can learn of.
        var bookings = await rows.BookingsAsync();
        Assert.Equal(acknowledged.Keys.Order(), bookings.Select(b => b.Id).Order());
        var events = await rows.BookingCreatedEventsAsync();
        Assert.All(bookings, b => Assert.Contains(b.Id.ToString(), events));

        using var anonymous = server.Client();
        foreach (var departure in await rows.DeparturesAsync())
        {
            var taken = bookings.Where(b => b.DepartureId == departure.Id && b.Status is "held" or "confirmed").Sum(b => b.Seats);
            Assert.Equal(taken, departure.SeatsTaken);
            Assert.InRange(departure.SeatsTaken, 0, departure.Capacity);
            var seatsLeft = (await anonymous.GetJsonAsync($"/api/departures/{departure.Id}")).GetProperty("seatsLeft").GetInt32();
            Assert.Equal(departure.Capacity - departure.SeatsTaken, seatsLeft);
        }
    }

    private static bool HasPayment(JsonElement booking) => booking.TryGetProperty("payment", out var payment) && payment.ValueKind == JsonValueKind.Object;

    /// <summary>
    /// Money and bookings agree once the bus has caught up: every succeeded payment's booking is confirmed, every
    /// confirmed booking has a succeeded payment, and every payment the sandbox acknowledged succeeded. Polls, since
    /// payment.succeeded reaches the Booking module through the outbox after the restart.
    /// </summary>
    private async Task AssertPaymentsTransitionedAsync(KillTestDatabase rows, HashSet<Guid> paid)
    {
        HashSet<Guid> succeeded = [], confirmed = [];
        for (var poll = 0; poll < 1200; poll++)
        {
            succeeded = (await rows.PaymentsAsync()).Where(p => p.Status == "succeeded").Select(p => p.BookingId).ToHashSet();
            confirmed = (await rows.BookingsAsync()).Where(b => b.Status == "confirmed").Select(b => b.Id).ToHashSet();
            if (succeeded.SetEquals(confirmed)) break;
            await Task.Delay(100);
        }

        Assert.Equal(succeeded.Order(), confirmed.Order());
        Assert.Subset(succeeded, paid);
        output.WriteLine($"  payments: {succeeded.Count} succeeded and confirmed, {paid.Count} acknowledged by the sandbox");
    }

    private static int Count(List<KillTestResult> results, KillTestOutcome outcome) => results.Count(r => r.Outcome == outcome);

    /// <summary>Polls a progress condition; the bound only keeps a broken run from hanging (not a timing assertion).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 30000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "the load made no progress");
    }
}
