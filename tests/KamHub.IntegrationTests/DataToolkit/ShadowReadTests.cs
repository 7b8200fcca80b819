using System.Net;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.DataToolkit;

/// <summary>
/// Shadow reads of an online move (ADR 0014, step 3): with every read sampled, a tourist's reads of their booking are
/// checked on the new database. Equal data counts reads and compared rows and no mismatch; a row planted different on
/// the new database is counted as a mismatch named by its table and key in the move's status.
/// </summary>
public sealed class ShadowReadTests : IDisposable
{
    private readonly ScratchDatabases _scratch = new();

    [Fact]
    public async Task ShadowReads_DuringAMove_CountNoMismatchOnEqualData_AndNameTheKeyOfARowPlantedDifferentOnTheNewDatabase()
    {
        using var factory = new KamHubFactory()
            .With("KamHub:Moves:RefreshInterval", "00:00:00.200")
            .With("KamHub:Moves:MirrorInterval", "00:00:00.050")
            .With("KamHub:Moves:ShadowReadPercent", "100");
        var departure = await factory.DepartureAsync(capacity: 10);
        var tourist = factory.ClientAs("Tourist", userId: Guid.NewGuid());
        var booked = await tourist.BookAsync(BookingApi.BookingBody(departure), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = (await booked.JsonAsync()).Id();

        var admin = factory.Admin();
        var target = _scratch.Postgres();
        var started = await admin.PostAsync("/api/admin/data/moves", System.Net.Http.Json.JsonContent.Create(new { module = "Booking", to = target }));
        // The problem's detail says which refusal it was (CI once saw a 409 here without it).
        Assert.True(started.StatusCode == HttpStatusCode.Created, $"{started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
        var id = (await started.JsonAsync()).Id();

        // Equal data: every read is checked (the booking and its departure each time), nothing differs.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await tourist.GetAsync($"/api/bookings/{booking}")).StatusCode);
        var equal = await ShadowAsync(admin, id, s => s.GetProperty("reads").GetInt64() >= 3);
        Assert.True(equal.GetProperty("rows").GetInt64() >= 6, equal.ToString());
        Assert.Equal(0, equal.GetProperty("mismatches").GetInt64());

        // A row different on the new database (written around the fence, as a bug or a stray hand would) is found by the next read.
        await PlantDifferenceAsync(target, booking);
        Assert.Equal(HttpStatusCode.OK, (await tourist.GetAsync($"/api/bookings/{booking}")).StatusCode);
        var found = await ShadowAsync(admin, id, s => s.GetProperty("mismatches").GetInt64() >= 1);
        Assert.Equal(1, found.GetProperty("mismatches").GetInt64());
        var last = found.GetProperty("lastMismatch").GetString()!;
        Assert.Contains($"bookings [{booking}] different on the new database", last, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ShadowAsync(HttpClient admin, Guid move, Func<JsonElement, bool> until)
    {
        var shadow = default(JsonElement);
        await BookingApi.EventuallyAsync(async () =>
        {
            shadow = (await admin.GetJsonAsync($"/api/admin/data/moves/{move}")).GetProperty("shadowReads");
            return until(shadow);
        }, "shadow-read counts on the move");
        return shadow;
    }

    /// <summary>The new database is fenced (its capture trigger refuses writes): a replica session bypasses the triggers.</summary>
    private static async Task PlantDifferenceAsync(string target, Guid booking)
    {
        await using var connection = new Npgsql.NpgsqlConnection(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SET session_replication_role = replica; UPDATE booking.bookings SET contact_phone = '+70000000001' WHERE id = @id";
        command.Parameters.AddWithValue("id", booking);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public void Dispose() => _scratch.Dispose();
}
