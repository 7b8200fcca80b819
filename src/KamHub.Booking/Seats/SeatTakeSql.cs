using KamHub.Booking.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KamHub.Booking.Seats;

/// <summary>
/// The hold's seat take on PostgreSQL, written to run as the last statement before COMMIT in one batch
/// (<see cref="KamHub.Core.Data.PipelinedCommit"/>): the conditional UPDATE of ADR 0005 (it also moves the availability
/// version), wrapped so that a refusal is an error. A batch has no "if": an UPDATE that matched no row would let the
/// COMMIT that follows it commit a booking without seats. <c>1 / count(*)</c> over the updated rows divides by zero
/// exactly when the departure was closed or full (SQLSTATE 22012), which aborts the transaction and skips the COMMIT.
/// Names come from the model, so the schema stays EF's business.
/// </summary>
internal static class SeatTakeSql
{
    public const string RefusedSqlState = "22012";

    private static string? _cached;

    /// <summary>Parameters: $1 seats, $2 departure id.</summary>
    public static string TakeOrFail(BookingDbContext db) => _cached ??= Build(db);

    private static string Build(BookingDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Departure))!;
        var quote = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => quote.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var (id, status, taken, capacity, version) = (Column(nameof(Departure.Id)), Column(nameof(Departure.Status)), Column(nameof(Departure.SeatsTaken)),
            Column(nameof(Departure.Capacity)), Column(nameof(Departure.AvailabilityVersion)));
        return $"WITH taken AS (UPDATE {quote.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} " +
               $"SET {taken} = {taken} + $1, {version} = {version} + 1 " +
               $"WHERE {id} = $2 AND {status} = '{DepartureStatus.Scheduled}' AND {taken} + $1 <= {capacity} RETURNING 1) " +
               "SELECT 1 / count(*) FROM taken";
    }
}
