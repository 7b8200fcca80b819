using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KamHub.Core.Events;

/// <summary>
/// Raw SQL the event bus needs beyond LINQ (claims with RETURNING and SKIP LOCKED, multi-row inbox inserts), on the
/// context's own connection and transaction. Values are bound through the provider's EF type mappings, so a Guid or a
/// DateTime is stored exactly as EF stores it (TEXT on SQLite, uuid/timestamp on PostgreSQL).
/// </summary>
internal static class DbCommands
{
    /// <summary>The quoted physical name of an entity's table in this context: "schema"."table" or "prefix_table".</summary>
    public static string Table<TEntity>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{db.GetType().Name} has no event bus tables: call modelBuilder.AddEventBusTables().");
        var schema = entity.GetSchema();
        return schema is null ? $"\"{entity.GetTableName()}\"" : $"\"{schema}\".\"{entity.GetTableName()}\"";
    }

    public static Task<List<long>> QueryIdsAsync(DbContext db, string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken ct, bool prepare = false) =>
        QueryAsync(db, sql, parameters, reader => reader.GetInt64(0), ct, prepare);

    /// <summary>
    /// Runs <paramref name="sql"/> and maps every row; opens (and closes again) the connection only if it was closed.
    /// <paramref name="prepare"/>: on PostgreSQL, run it as a prepared statement. Npgsql keeps a statement prepared on
    /// its physical connection across pool returns, so a hot statement whose text never changes is parsed once per
    /// connection and, after a few runs, no longer planned: the claim spent longer in the planner (~2.6 ms) than
    /// executing (~1 ms). Only for fixed texts: each distinct text is one more statement kept on the server.
    /// </summary>
    public static async Task<List<T>> QueryAsync<T>(DbContext db, string sql, IReadOnlyDictionary<string, object> parameters, Func<DbDataReader, T> map, CancellationToken ct, bool prepare = false)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var mappings = db.GetService<IRelationalTypeMappingSource>();
            foreach (var (name, value) in parameters) command.Parameters.Add(Parameter(command, mappings, name, value, value.GetType()));
            if (prepare && db.Database.IsNpgsql()) await command.PrepareAsync(ct);
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add(map(reader));
            return rows;
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A parameter of CLR type <paramref name="type"/> (nullable types allowed: null is bound as NULL).</summary>
    public static DbParameter Parameter(DbCommand command, IRelationalTypeMappingSource mappings, string name, object? value, Type type)
    {
        // The provider's EF mapping decides how the value is stored (a Guid as TEXT on SQLite, a UTC instant as timestamptz).
        var underlying = Nullable.GetUnderlyingType(type);
        var mapping = mappings.FindMapping(underlying ?? type);
        if (mapping is not null) return mapping.CreateParameter(command, name, value, nullable: underlying is not null || !type.IsValueType);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
