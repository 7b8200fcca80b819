using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KamHub.IntegrationTests.Platform;

/// <summary>
/// Where the migrated database differs from what a module's DbContext maps. Hand-written migrations have no model
/// snapshot (ADR 0002), so this comparison is what catches a column, a nullability, a type, an index or a key the
/// migration got wrong or forgot. Extra objects in the database (full-text tables, history) are allowed.
/// </summary>
internal static partial class SchemaDrift
{
    public static async Task<IReadOnlyList<string>> FindAsync(DbContext context, string module)
    {
        var sqlite = context.Database.IsSqlite();
        var problems = new List<string>();
        foreach (var table in context.Model.GetRelationalModel().Tables)
        {
            var where = $"{module} {table.SchemaQualifiedName}";
            var live = await LiveSchema.ReadAsync(context, table.Schema, table.Name);
            if (live is null)
            {
                problems.Add($"{where}: table is missing");
                continue;
            }

            foreach (var column in table.Columns) problems.AddRange(CompareColumn(where, column, live, sqlite));
            if (table.PrimaryKey is { } primaryKey && !Names(primaryKey.Columns).SequenceEqual(live.PrimaryKey))
                problems.Add($"{where}: primary key is ({Join(live.PrimaryKey)}), the model says ({Join(Names(primaryKey.Columns))})");
            foreach (var index in table.Indexes) problems.AddRange(CompareIndex(where, index, live));
            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
            {
                if (!live.Indexes.Any(i => i.IsUnique && i.Columns.SequenceEqual(Names(unique.Columns))))
                    problems.Add($"{where}: unique constraint {unique.Name} ({Join(Names(unique.Columns))}) is missing");
            }

            foreach (var key in table.ForeignKeyConstraints)
            {
                var found = live.ForeignKeys.Any(l =>
                    (l.Name is null || l.Name == key.Name)
                    && l.Columns.SequenceEqual(Names(key.Columns))
                    && l.PrincipalTable == key.PrincipalTable.Name
                    && l.PrincipalColumns.SequenceEqual(Names(key.PrincipalColumns)));
                if (!found) problems.Add($"{where}: foreign key {key.Name} ({Join(Names(key.Columns))}) -> {key.PrincipalTable.Name} is missing");
            }
        }

        return problems;
    }

    private static IEnumerable<string> CompareColumn(string where, IColumn column, LiveTable live, bool sqlite)
    {
        if (!live.Columns.TryGetValue(column.Name, out var actual))
        {
            yield return $"{where}: column {column.Name} is missing";
            yield break;
        }

        if (actual.IsNullable != column.IsNullable)
            yield return $"{where}.{column.Name}: {(actual.IsNullable ? "nullable" : "NOT NULL")} in the database, {(column.IsNullable ? "nullable" : "NOT NULL")} in the model";
        var (expected, found) = sqlite ? (SqliteAffinity(column.StoreType), SqliteAffinity(actual.StoreType)) : (PostgresType(column.StoreType), PostgresType(actual.StoreType));
        if (expected != found) yield return $"{where}.{column.Name}: type {actual.StoreType} in the database, {column.StoreType} in the model";
    }

    private static IEnumerable<string> CompareIndex(string where, ITableIndex index, LiveTable live)
    {
        var actual = live.Indexes.FirstOrDefault(i => i.Name == index.Name);
        if (actual is null)
            yield return $"{where}: index {index.Name} ({Join(Names(index.Columns))}) is missing";
        else if (actual.IsUnique != index.IsUnique || !actual.Columns.SequenceEqual(Names(index.Columns)))
            yield return $"{where}: index {index.Name} is {(actual.IsUnique ? "unique " : "")}({Join(actual.Columns)}), the model says {(index.IsUnique ? "unique " : "")}({Join(Names(index.Columns))})";
    }

    /// <summary>SQLite compares by affinity (its section 3.1 rules): declared names beyond that carry no meaning.</summary>
    private static string SqliteAffinity(string type)
    {
        var upper = type.ToUpperInvariant();
        if (upper.Contains("INT", StringComparison.Ordinal)) return "INTEGER";
        if (upper.Contains("CHAR", StringComparison.Ordinal) || upper.Contains("CLOB", StringComparison.Ordinal) || upper.Contains("TEXT", StringComparison.Ordinal)) return "TEXT";
        if (upper.Length == 0 || upper.Contains("BLOB", StringComparison.Ordinal)) return "BLOB";
        if (upper.Contains("REAL", StringComparison.Ordinal) || upper.Contains("FLOA", StringComparison.Ordinal) || upper.Contains("DOUB", StringComparison.Ordinal)) return "REAL";
        return "NUMERIC";
    }

    /// <summary>PostgreSQL types compare in full (length included), after folding the aliases EF and format_type may differ in.</summary>
    private static string PostgresType(string type)
    {
        var t = Whitespace().Replace(type.Trim().ToLowerInvariant(), " ");
        t = VarChar().Replace(t, "character varying");
        return t switch
        {
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "int2" => "smallint",
            "bool" => "boolean",
            "float8" => "double precision",
            "float4" => "real",
            "timestamptz" => "timestamp with time zone",
            "timestamp" => "timestamp without time zone",
            _ => t,
        };
    }

    private static List<string> Names(IEnumerable<IColumn> columns) => columns.Select(c => c.Name).ToList();

    private static string Join(IEnumerable<string> names) => string.Join(", ", names);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^varchar")]
    private static partial Regex VarChar();
}
