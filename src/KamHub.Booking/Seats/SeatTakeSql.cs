using KamHub.Booking.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KamHub.Booking.Seats;

/// <summary>
/// The hold's seat take as one statement: the conditional UPDATE of ADR 0005 that also returns the counter it left, so
/// availability.changed needs no second read of the hot row. EF's ExecuteUpdate cannot return rows; UPDATE … RETURNING
/// runs on both providers (SQLite since 3.35). Names come from the model, so the SQLite table prefix and the
/// PostgreSQL schema stay EF's business.
/// </summary>
internal static class SeatTakeSql
{
    private static readonly Dictionary<string, string> ByProvider = [];
    private static readonly Lock Gate = new();

    /// <summary>Parameters: {0} seats, {1} departure id.</summary>
    public static string For(BookingDbContext db)
    {
        var provider = db.Database.ProviderName ?? "";
        lock (Gate)
        {
            if (ByProvider.TryGetValue(provider, out var cached)) return cached;
            var sql = Build(db);
            ByProvider[provider] = sql;
            return sql;
        }
    }

    private static string Build(BookingDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Departure))!;
        var quote = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => quote.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var (id, status, taken, capacity, tour) = (Column(nameof(Departure.Id)), Column(nameof(Departure.Status)), Column(nameof(Departure.SeatsTaken)),
            Column(nameof(Departure.Capacity)), Column(nameof(Departure.TourId)));
        return $"UPDATE {quote.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} SET {taken} = {taken} + {{0}} " +
               $"WHERE {id} = {{1}} AND {status} = '{DepartureStatus.Scheduled}' AND {taken} + {{0}} <= {capacity} " +
               $"RETURNING {tour} AS \"{nameof(SeatCounter.TourId)}\", {capacity} AS \"{nameof(SeatCounter.Capacity)}\", " +
               $"{taken} AS \"{nameof(SeatCounter.SeatsTaken)}\", {status} AS \"{nameof(SeatCounter.Status)}\"";
    }
}

/// <summary>A departure's seat counter as one transaction left it.</summary>
internal sealed record SeatCounter(Guid TourId, int Capacity, int SeatsTaken, string Status);
