using KamHub.Discovery.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace KamHub.Discovery.Seeding;

/// <summary>
/// Writes many new tours at the speed of the provider's own bulk path, which EF's change tracker cannot reach:
/// binary COPY on PostgreSQL, one prepared INSERT reused per row on SQLite. Table, columns and value conversions come
/// from the EF model, so the rows are exactly what EF itself would have written (and the FTS5 triggers still fire).
/// </summary>
internal static class TourBulkWriter
{
    public static async Task WriteAsync(DiscoveryDbContext db, IReadOnlyList<Tour> tours, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(Tour))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToArray();
        var columns = string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)));
        var tableName = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {tableName} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var tour in tours)
                {
                    await importer.StartRowAsync(ct);
                    foreach (var property in properties) await WriteValueAsync(importer, ProviderValue(property, tour), ct);
                }

                await importer.CompleteAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"INSERT INTO {tableName} ({columns}) VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        foreach (var tour in tours)
        {
            command.Parameters.Clear();
            for (var i = 0; i < properties.Length; i++)
                command.Parameters.Add(properties[i].GetRelationalTypeMapping().CreateParameter(command, $"@p{i}", properties[i].GetGetter().GetClrValue(tour)));
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static object? ProviderValue(IProperty property, Tour tour)
    {
        var value = property.GetGetter().GetClrValue(tour);
        var converter = property.GetTypeMapping().Converter;
        return value is null || converter is null ? value : converter.ConvertToProvider(value);
    }

    private static Task WriteValueAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        Guid g => importer.WriteAsync(g, NpgsqlDbType.Uuid, ct),
        string s => importer.WriteAsync(s, NpgsqlDbType.Text, ct),
        int n => importer.WriteAsync(n, NpgsqlDbType.Integer, ct),
        long n => importer.WriteAsync(n, NpgsqlDbType.Bigint, ct),
        double d => importer.WriteAsync(d, NpgsqlDbType.Double, ct),
        DateTime t => importer.WriteAsync(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct),
        _ => throw new NotSupportedException($"No COPY mapping for {value.GetType()}."),
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
