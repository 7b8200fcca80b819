using System.Data.Common;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KamHub.IntegrationTests.Booking;

internal sealed record KillTestDepartureRow(Guid Id, int Capacity, int SeatsTaken);

internal sealed record KillTestPaymentRow(Guid BookingId, string Status);

internal sealed record KillTestBookingRow(Guid Id, string Reference, Guid DepartureId, int Seats, string Status, string IdempotencyKey);

/// <summary>
/// Reads what the killed and restarted server left in the Booking and Payments tables, with plain SQL and no code of
/// the modules, so the kill test does not trust what it proves.
/// </summary>
internal sealed class KillTestDatabase(TestDatabase database)
{
    private bool Sqlite => database.PlatformConnectionString is null;

    private string Table(string name, string module = "booking") => Sqlite ? $"\"{module}_{name}\"" : $"\"{module}\".\"{name}\"";

    public Task<List<KillTestDepartureRow>> DeparturesAsync() => QueryAsync(
        $"SELECT id, capacity, seats_taken FROM {Table("departures")}",
        r => new KillTestDepartureRow(r.GetGuid(0), r.GetInt32(1), r.GetInt32(2)));

    public Task<List<KillTestBookingRow>> BookingsAsync() => QueryAsync(
        $"SELECT id, reference, departure_id, seats, status, idempotency_key FROM {Table("bookings")}",
        r => new KillTestBookingRow(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetInt32(3), r.GetString(4), r.GetString(5)));

    public Task<List<KillTestPaymentRow>> PaymentsAsync() => QueryAsync(
        $"SELECT booking_id, status FROM {Table("payments", "payments")}", r => new KillTestPaymentRow(r.GetGuid(0), r.GetString(1)));

    /// <summary>Aggregate ids of the booking.created events in the module's outbox.</summary>
    public async Task<HashSet<string>> BookingCreatedEventsAsync() =>
        (await QueryAsync($"SELECT aggregate_id FROM {Table("outbox_events")} WHERE type = 'booking.created'", r => r.GetString(0)))
        .Select(id => id.ToLowerInvariant()).ToHashSet();

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read)
    {
        await using DbConnection connection = Sqlite
            ? new SqliteConnection($"Data Source={Path.Combine(database.DataDir, "kamhub.db")};Mode=ReadOnly;Pooling=False")
            : new NpgsqlConnection(database.PlatformConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
