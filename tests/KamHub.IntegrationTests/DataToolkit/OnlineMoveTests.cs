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
/// The online move of Booking while tourists keep booking (ADR 0014), on the suite's provider as the source
/// (SQLite→PostgreSQL in the sqlite pass, PostgreSQL→PostgreSQL in the postgres pass): reads switch in steps, writes
/// switch fenced, roll back after the write switch, then a second move to the end. No acknowledged booking is lost,
/// no seat oversold, every tourist reads their own booking back at every step, and the two databases verify equal.
/// </summary>
public sealed class OnlineMoveTests : IDisposable
{
    private const int Capacity = 25;
    private readonly ScratchDatabases _scratch = new();

    [Fact]
    public async Task OnlineMove_OfBookingUnderLoad_RollbackAfterWriteSwitchThenMoveToTheEnd_LosesNoBookingAndOversellsNoSeat()
    {
        using var factory = new KamHubFactory()
            .With("KamHub:Moves:RefreshInterval", "00:00:00.200")
            .With("KamHub:Moves:MirrorInterval", "00:00:00.050")
            .With("KamHub:Flags:RefreshInterval", "00:00:00.200");
        var departures = new[] { await factory.DepartureAsync(capacity: Capacity), await factory.DepartureAsync(capacity: Capacity) };
        var admin = factory.Admin();
        var load = new BookingLoad(factory, departures);
        var running = load.RunAsync();

        // Move 1: copy under load, reads 1 → 100 %, fenced write switch, then roll back after the write switch.
        var first = _scratch.Postgres();
        var move = await SendAsync(admin, HttpMethod.Post, "/api/admin/data/moves", new { module = "Booking", to = first }, HttpStatusCode.Created);
        var id = move.GetProperty("id").GetGuid();
        Assert.Equal("mirroring", move.GetProperty("state").GetString());
        await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{id}/finalize", null, HttpStatusCode.Conflict);
        foreach (var percent in new[] { 1, 10, 50, 100 })
        {
            await load.ProgressAsync();
            var step = await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{id}/step", null, HttpStatusCode.OK);
            Assert.Equal(percent, step.GetProperty("readPercent").GetInt32());
        }

        await load.ProgressAsync();
        var switched = await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{id}/step", null, HttpStatusCode.OK);
        Assert.Equal("writes-switched", switched.GetProperty("state").GetString());
        Assert.True(switched.GetProperty("switchPauseMs").GetDouble() >= 0);
        await load.ProgressAsync();
        var rolledBack = await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{id}/rollback", null, HttpStatusCode.OK);
        Assert.Equal("rolled-back", rolledBack.GetProperty("state").GetString());
        await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{id}/rollback", null, HttpStatusCode.Conflict);

        // Move 2, to the end.
        await load.ProgressAsync();
        var second = _scratch.Postgres();
        id = (await SendAsync(admin, HttpMethod.Post, "/api/admin/data/moves", new { module = "Booking", to = second }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        for (var i = 0; i < 5; i++)
        {
            await load.ProgressAsync();
            await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{id}/step", null, HttpStatusCode.OK);
        }

        await load.ProgressAsync();
        var finalized = await SendAsync(admin, HttpMethod.Post, $"/api/admin/data/moves/{id}/finalize", null, HttpStatusCode.OK);
        Assert.Equal("finalized", finalized.GetProperty("state").GetString());
        await load.ProgressAsync();
        await load.StopAsync(running);

        Assert.Empty(load.Failures);
        // Every acknowledged booking is on the new database (the module now reads there) and no seat is oversold.
        var operatorClient = factory.Operator();
        foreach (var booking in load.Acknowledged.Keys) Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/bookings/{booking}")).StatusCode);
        foreach (var departure in departures)
        {
            var acknowledged = load.Acknowledged.Values.Count(d => d == departure);
            Assert.Equal(Capacity - acknowledged, await factory.SeatsLeftAsync(departure));
        }

        // The old database received every write through the mirror up to the fence: the two verify equal.
        var source = factory.Services.GetRequiredService<Core.Data.ModuleDatabaseRegistry>().Find("Booking")!.Connection.ConnectionString;
        var verify = await factory.Services.GetRequiredService<DataVerifier>().VerifyAsync("Booking", DataEndpoint.Parse(source, "--from"),
            DataEndpoint.Parse(second, "--to"), NoProgress.Instance, default);
        Assert.True(verify.Equal, string.Join("; ", verify.Tables.Where(t => !t.Equal).Select(t => $"{t.Table}: {t.SourceRows}/{t.TargetRows}")));
        var status = await SendAsync(admin, HttpMethod.Get, $"/api/admin/data/moves/{id}", null, HttpStatusCode.OK);
        Assert.True(status.GetProperty("verify").GetProperty("equal").GetBoolean());
        Assert.True(load.Acknowledged.Count >= 10, $"only {load.Acknowledged.Count} bookings ran during the move");
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
    /// Tourists booking one seat at a time on two departures and reading each booking back at once. A 503 (the write
    /// hit a fenced database during a switch) is retried with the same Idempotency-Key, as a client would.
    /// </summary>
    private sealed class BookingLoad(KamHubFactory factory, Guid[] departures)
    {
        private readonly CancellationTokenSource _stop = new();
        private int _attempts;

        public ConcurrentDictionary<Guid, Guid> Acknowledged { get; } = new();

        public ConcurrentQueue<string> Failures { get; } = new();

        // Clients are made here, not in the workers: the factory's client list is not thread-safe.
        public Task RunAsync() => Task.WhenAll(Enumerable.Range(0, 2).Select(worker =>
        {
            var tourist = factory.ClientAs("Tourist", userId: Guid.NewGuid());
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
                    if (read.StatusCode != HttpStatusCode.OK) Failures.Enqueue($"tourist read of own booking {booking}: {read.StatusCode}");
                }
                else if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    Failures.Enqueue($"booking: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
    }
}
