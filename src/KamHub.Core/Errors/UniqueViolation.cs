using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace KamHub.Core.Errors;

/// <summary>
/// Recognises a unique index refusing a write, on either provider, and names the fields it covers. Two requests
/// creating the same value race past any "does it exist?" check; the index decides, and the loser hears 409.
/// </summary>
internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>The JSON names of the unique fields (camelCase), or null when this is no unique violation.</summary>
    public static IReadOnlyList<string>? Fields(DbUpdateException exception)
    {
        var entityTypes = exception.Entries.Select(e => e.Metadata).Distinct().ToList();
        return exception.InnerException switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => FromIndexName(entityTypes, pg.ConstraintName),
            SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } sqlite => FromColumns(entityTypes, sqlite.Message),
            _ => null,
        };
    }

    private static IReadOnlyList<string> FromIndexName(List<IEntityType> entityTypes, string? name)
    {
        foreach (var entity in entityTypes)
        {
            var index = entity.GetIndexes().FirstOrDefault(i => i.GetDatabaseName() == name);
            if (index is not null) return [.. index.Properties.Select(JsonName)];
            var key = entity.GetKeys().FirstOrDefault(k => k.GetName() == name);
            if (key is not null) return [.. key.Properties.Select(JsonName)];
        }

        return [];
    }

    /// <summary>SQLite names the columns instead: "UNIQUE constraint failed: discovery_operators.slug, …".</summary>
    private static IReadOnlyList<string> FromColumns(List<IEntityType> entityTypes, string message)
    {
        var marker = message.IndexOf("failed: ", StringComparison.Ordinal);
        if (marker < 0) return [];
        var columns = message[(marker + "failed: ".Length)..].TrimEnd('.', '\'', ' ').Split(", ")
            .Select(c => c[(c.LastIndexOf('.') + 1)..]);
        return [.. columns.Select(column => entityTypes.SelectMany(e => e.GetProperties())
            .FirstOrDefault(p => string.Equals(p.GetColumnName(), column, StringComparison.Ordinal)) is { } property ? JsonName(property) : column)];
    }

    private static string JsonName(IReadOnlyProperty property) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
