using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace KamHub.Discovery.Data;

/// <summary>Names and expressions shared by the migration and the search queries; they must match exactly for PostgreSQL to use the index.</summary>
internal static class TourFullText
{
    public const string SqliteTable = "discovery_tours_fts";

    /// <summary>The stored generated tsvector column (migration 20261123000300) that search reads and the GIN index covers.</summary>
    public const string PostgresColumn = "search_document";

    /// <summary>The expression that column is generated from. Frozen: the initial migration's checksum includes it.</summary>
    public const string PostgresDocument =
        "to_tsvector('simple'::regconfig, coalesce(title_ru, '') || ' ' || coalesce(title_en, '') || ' ' || coalesce(description_ru, '') || ' ' || " +
        "coalesce(description_en, '') || ' ' || replace(tags, '|', ' '))";

    private static readonly RelationalTypeMapping Text = new StringTypeMapping("text", System.Data.DbType.String);
    private static readonly RelationalTypeMapping Real = new FloatTypeMapping("real");
    private static readonly RelationalTypeMapping Rank = new DoubleTypeMapping("double precision");

    /// <summary>
    /// PostgreSQL only, inside a query: <c>ts_rank(search_document, plainto_tsquery('simple', terms))::float8</c> of the
    /// tour row <paramref name="tourId"/> belongs to. A LINQ function rather than a join to a ranked match set, so the
    /// filters run before the ranking and the planner keeps only the top rows (see ADR 0022).
    /// </summary>
    public static double PostgresRank(Guid tourId, string terms) => throw new InvalidOperationException("Only translatable to SQL.");

    /// <summary>The SQL of <see cref="PostgresRank"/>: the document column is taken from the same row (table alias) as the id.</summary>
    public static SqlExpression TranslatePostgresRank(IReadOnlyList<SqlExpression> args)
    {
        var id = (ColumnExpression)args[0];
        var document = new ColumnExpression(PostgresColumn, id.TableAlias, typeof(string), Text, nullable: false);
        var query = new SqlFunctionExpression("plainto_tsquery", [new SqlFragmentExpression("'simple'::regconfig", typeof(string), Text), args[1]],
            nullable: true, argumentsPropagateNullability: [false, true], typeof(string), Text);
        var rank = new SqlFunctionExpression("ts_rank", [document, query], nullable: true, argumentsPropagateNullability: [true, true], typeof(float), Real);
        return new SqlUnaryExpression(ExpressionType.Convert, rank, typeof(double), Rank);
    }
}
