using KamHub.Core.Data;

namespace KamHub.Discovery.Search.Index;

/// <summary>
/// The change feed the search index follows (migration 20261209000000): triggers on tours and departures append the
/// tour's id to <c>search_changes</c> in the writer's own transaction, whatever wrote the row (EF, the projections' raw
/// SQL, COPY, a data move). A table outside the EF model, like the move's capture tables, so copy and verify ignore it.
/// </summary>
internal static class SearchChanges
{
    public const string Table = "search_changes";

    /// <summary>What changed: the tour row ('t') or one of its departures ('d').</summary>
    public const string TourKind = "t";

    public const string DepartureKind = "d";

    /// <summary>Rows older than this are deleted; an instance that has not read the feed for half of it reloads whole.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    public static string Name(bool sqlite) => sqlite
        ? $"\"{ModuleTableNames.Table(DiscoveryModuleName, Table, true)}\""
        : $"\"{DiscoveryModuleName}\".\"{Table}\"";

    private const string DiscoveryModuleName = "discovery";
}
