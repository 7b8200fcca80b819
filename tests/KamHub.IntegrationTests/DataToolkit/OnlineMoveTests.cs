using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Core.DataToolkit;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.DataToolkit;

/// <summary>
/// The online move of Booking while tourists keep booking on two instances of KamHub sharing one database (ADR 0014),
/// on the suite's provider as the source (SQLite→PostgreSQL in the sqlite pass, PostgreSQL→PostgreSQL in the postgres
/// pass): steps are taken on either instance, reads switch in steps, writes switch fenced (the old database then
/// refuses every write, whoever sends it), roll back after the write switch, then a second move to the end. No
/// acknowledged booking is lost, no seat oversold, every tourist reads their own booking back at every step, and the
/// two databases verify equal. This is the rollback drill of docs/operations.md.
/// </summary>
public sealed class OnlineMoveTests : IDisposable
{
    // One departure sells out during the move (the oversell check bites), the other keeps every step under writes.
    private static readonly int[] Capacities = [20, 400];
    private readonly ScratchDatabases _scratch = new();

    [Fact]
    public async Task OnlineMove_OfBookingUnderLoadOnTwoInstances_RollbackAfterWriteSwitchThenMoveToTheEnd_LosesNoBookingAndOversellsNoSeat()
    {
        using var first = MoveHost();
        using var second = MoveHost().With("KamHub:DataDir", first.Database.DataDir);
        if (first.Database.PlatformConnectionString is { } shared) second.With("ConnectionStrings:Platform", shared);
        var departures = new Guid[Capacities.Length];
        for (var i = 0; i < departures.Length; i++) departures[i] = await first.DepartureAsync(capacity: Capacities[i]);
        _ = second.Services; // the second instance starts on the same database before the load does
        var admins = new[] { first.Admin(), second.Admin() };
        var oldSource = first.Services.GetRequiredService<Core.Data.ModuleDatabaseRegistry>().Find("Booking")!.Connection.ConnectionString;
        var load = new BookingLoad([first, second], departures);
        var running = load.RunAsync();

        // Move 1: copy under load, reads 1 → 100 %, fenced write switch, then roll back after the write switch. Steps alternate between the instances.
        var firstTarget = _scratch.Postgres();
        var move = await SendAsync(admins[0], HttpMethod.Post, "/api/admin/data/moves", new { module = "Booking", to = firstTarget }, HttpStatusCode.Created);
        var id = move.GetProperty("id").GetGuid();
        Assert.Equal("mirroring", move.GetProperty("state").GetString());
        Assert.Equal("mirroring", (await SendAsync(admins[1], HttpMethod.Get, $"/api/admin/data/moves/{id}", null, HttpStatusCode.OK)).GetProperty("state").GetString());
        await SendAsync(admins[1], HttpMethod.Post, $"/api/admin/data/moves/{id}/finalize", null, HttpStatusCode.Conflict);
        var steps = 0;
        foreach (var percent in new[] { 1, 10, 50, 100 })
        {
            await load.ProgressAsync();
            var step = await SendAsync(admins[++steps % 2], HttpMethod.Post, $"/api/admin/data/moves/{id}/step", null, HttpStatusCode.OK);
            Assert.Equal(percent, step.GetProperty("readPercent").GetInt32());
        }

        await load.ProgressAsync();
        var switched = await SendAsync(admins[1], HttpMethod.Post, $"/api/admin/data/moves/{id}/step", null, HttpStatusCode.OK);
        Assert.Equal("writes-switched", switched.GetProperty("state").GetString());
        await AssertPauseReportedAsync(admins[0], id, switched);
        // Fenced: the old database refuses a write from anyone (an instance with stale routing gets 503 and retries on the new one).
        await AssertFencedAsync(oldSource, departures[0]);
        await load.ProgressAsync();

        var rolledBack = await SendAsync(admins[0], HttpMethod.Post, $"/api/admin/data/moves/{id}/rollback", null, HttpStatusCode.OK);
        Assert.Equal("rolled-back", rolledBack.GetProperty("state").GetString());
        await AssertPauseReportedAsync(admins[1], id, rolledBack);
        await AssertFencedAsync(firstTarget, departures[0]);
        await SendAsync(admins[1], HttpMethod.Post, $"/api/admin/data/moves/{id}/rollback", null, HttpStatusCode.Conflict);

        // Move 2, to the end, started on the other instance.
        await load.ProgressAsync();
        var secondTarget = _scratch.Postgres();
        id = (await SendAsync(admins[1], HttpMethod.Post, "/api/admin/data/moves", new { module = "Booking", to = secondTarget }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        for (var i = 0; i < 5; i++)
        {
            await load.ProgressAsync();
            await SendAsync(admins[i % 2], HttpMethod.Post, $"/api/admin/data/moves/{id}/step", null, HttpStatusCode.OK);
        }

        await AssertFencedAsync(oldSource, departures[0]);
        await load.ProgressAsync();
        await load.StopAsync(running);
        Assert.Empty(load.Failures);

        // Writes are switched: the old database is the mirror. Once background work (the event bus, availability) has
        // settled and the mirror caught up, the two verify equal. Checked before finalize: from then on writes reach
        // only the new database.
        var verifier = first.Services.GetRequiredService<DataVerifier>();
        await BookingApi.EventuallyAsync(async () => (await verifier.VerifyAsync("Booking", DataEndpoint.Parse(oldSource, "--from"),
            DataEndpoint.Parse(secondTarget, "--to"), NoProgress.Instance, default)).Equal, "the old database equal to the new one through the mirror");
        var finalized = await SendAsync(admins[1], HttpMethod.Post, $"/api/admin/data/moves/{id}/finalize", null, HttpStatusCode.OK);
        Assert.Equal("finalized", finalized.GetProperty("state").GetString());
        foreach (var admin in admins)
            Assert.Equal("finalized", (await SendAsync(admin, HttpMethod.Get, $"/api/admin/data/moves/{id}", null, HttpStatusCode.OK)).GetProperty("state").GetString());

        // Both instances go on booking on the new database after finalize.
        foreach (var host in new[] { first, second })
        {
            var booked = await host.ClientAs("Tourist", userId: Guid.NewGuid()).BookAsync(BookingApi.BookingBody(departures[1]));
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
            load.Acknowledged[(await booked.JsonAsync()).Id()] = departures[1];
        }

        Assert.True(load.Acknowledged.Count >= 20, $"only {load.Acknowledged.Count} bookings ran during the move");
        Assert.True(load.Acknowledged.Values.Count(d => d == departures[0]) == Capacities[0], "the small departure did not sell out under the load");

        // The final source of truth holds every acknowledged booking, and no other; seats taken = bookings ≤ capacity.
        var final = await BookingsAsync(secondTarget);
        Assert.Empty(load.Acknowledged.Keys.Except(final.Bookings.Keys));
        Assert.Equal(load.Acknowledged.Count, final.Bookings.Count);
        for (var i = 0; i < departures.Length; i++)
        {
            var acknowledged = load.Acknowledged.Values.Count(d => d == departures[i]);
            Assert.Equal((Capacities[i], acknowledged), final.Departures[departures[i]]);
            Assert.Equal(acknowledged, final.Bookings.Values.Count(d => d == departures[i]));
            Assert.Equal(Capacities[i] - acknowledged, await first.SeatsLeftAsync(departures[i]));
            Assert.Equal(Capacities[i] - acknowledged, await second.SeatsLeftAsync(departures[i]));
        }
    }

    private static KamHubFactory MoveHost() => new KamHubFactory()
        .With("KamHub:Moves:RefreshInterval", "00:00:00.200")
        .With("KamHub:Moves:MirrorInterval", "00:00:00.050")
        .With("KamHub:Flags:RefreshInterval", "00:00:00.200");

    /// <summary>The switch's pause is measured, answered by the step, and the same on the other instance's status and history.</summary>
    private static async Task AssertPauseReportedAsync(HttpClient otherAdmin, Guid id, JsonElement answer)
    {
        var pause = answer.GetProperty("switchPauseMs").GetDouble();
        Assert.True(pause > 0, answer.ToString());
        var status = await SendAsync(otherAdmin, HttpMethod.Get, $"/api/admin/data/moves/{id}", null, HttpStatusCode.OK);
        Assert.Equal(pause, status.GetProperty("switchPauseMs").GetDouble());
        Assert.Equal(pause, status.GetProperty("history").EnumerateArray().Last().GetProperty("pauseMs").GetDouble());
    }

    /// <summary>A write straight into a fenced database (not through any instance's routing) is refused by its capture trigger.</summary>
    private static async Task AssertFencedAsync(string connectionString, Guid departure)
    {
        var endpoint = DataEndpoint.Parse(connectionString, "--from");
        await using var connection = await endpoint.OpenAsync(default);
        await using var command = connection.CreateCommand();
        var table = connection is Npgsql.NpgsqlConnection ? "booking.departures" : "booking_departures";
        command.CommandText = $"UPDATE {table} SET capacity = capacity WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = connection is Npgsql.NpgsqlConnection ? departure : departure.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => command.ExecuteNonQueryAsync());
        Assert.True(refused is Npgsql.PostgresException { SqlState: "KH001" } || refused.Message.Contains("kamhub-move-fenced", StringComparison.Ordinal),
            refused.Message);
    }

    private static async Task<(Dictionary<Guid, Guid> Bookings, Dictionary<Guid, (int Capacity, int SeatsTaken)> Departures)> BookingsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var bookings = new Dictionary<Guid, Guid>();
        await using (var command = new Npgsql.NpgsqlCommand("SELECT id, departure_id FROM booking.bookings", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) bookings[reader.GetGuid(0)] = reader.GetGuid(1);
        var departures = new Dictionary<Guid, (int, int)>();
        await using (var command = new Npgsql.NpgsqlCommand("SELECT id, capacity, seats_taken FROM booking.departures", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) departures[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        return (bookings, departures);
    }

    [Fact]
    public async Task MoveApi_WhenInputOrOrderIsWrong_AnswersProblems()
    {
        using var factory = new KamHubFactory();
        var admin = factory.Admin();
        await SendAsync(admin, HttpMethod.Post, "/api/admin/data/moves", new { module = "Booking" }, HttpStatusCode.BadRequest);
        await SendAsync(admin, HttpMethod.Post, "/api/admin/data/moves", new { module = "Nope", to = "Host=127.0.0.1;Database=x" }, HttpStatusCode.NotFound);
        await SendAsync(admin, HttpMethod.Post, "/api/admin/data/moves", new { module = "Booking", to = "Host=127.0.0.1" }, HttpStatusCode.UnprocessableEntity);
        await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{Guid.NewGuid()}/step", null, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Tourist().GetAsync("/api/admin/data/moves")).StatusCode);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url}: {response.StatusCode} {text}");
        if (expected >= HttpStatusCode.BadRequest) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>
    /// Tourists booking one seat at a time, two per instance (a bounded number of concurrent clients), each reading
    /// their booking back at once from the instance that took it. A 503 (the write hit a fenced database during a
    /// switch) is retried with the same Idempotency-Key, as a client would.
    /// </summary>
    private sealed class BookingLoad(KamHubFactory[] hosts, Guid[] departures)
    {
        private readonly CancellationTokenSource _stop = new();
        private int _attempts;

        public ConcurrentDictionary<Guid, Guid> Acknowledged { get; } = new();

        public ConcurrentQueue<string> Failures { get; } = new();

        // Clients are made here, not in the workers: the factory's client list is not thread-safe.
        public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, 2 * hosts.Length).Select(worker =>
        {
            var tourist = hosts[worker % hosts.Length].ClientAs("Tourist", userId: Guid.NewGuid());
            return Task.Run(() => WorkAsync(worker, tourist));
        }));

        /// <summary>Waits (bounded) until a few more bookings were attempted, so every step runs under load.</summary>
        public async Task ProgressAsync()
        {
            var target = Volatile.Read(ref _attempts) + 4;
            await BookingApi.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref _attempts) >= target || !Failures.IsEmpty), "more bookings under load");
        }

        public async Task StopAsync(Task running)
        {
            await _stop.CancelAsync();
            await running;
        }

        private async Task WorkAsync(int worker, HttpClient tourist)
        {
            for (var n = 0; !_stop.IsCancellationRequested; n++)
            {
                var departure = departures[(n + worker) % departures.Length];
                var key = Guid.NewGuid().ToString();
                HttpResponseMessage response;
                var tries = 0;
                do
                {
                    response = await tourist.BookAsync(BookingApi.BookingBody(departure), key);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable) await Task.Delay(50);
                }
                while (response.StatusCode == HttpStatusCode.ServiceUnavailable && ++tries < 100);

                Interlocked.Increment(ref _attempts);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var booking = (await response.JsonAsync()).Id();
                    Acknowledged[booking] = departure;
                    var read = await tourist.GetAsync($"/api/bookings/{booking}");
                    // Status first: xUnit cuts a long failure string short.
                    if (read.StatusCode != HttpStatusCode.OK)
                        Failures.Enqueue($"{read.StatusCode}: tourist read of own booking {booking}, {await read.Content.ReadAsStringAsync()}");
                }
                else if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    Failures.Enqueue($"booking: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
    }
}
