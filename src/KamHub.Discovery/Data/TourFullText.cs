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
}
