using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// Every instance's copy of the move rows, re-read every <see cref="MoveOptions.RefreshInterval"/> by
/// <see cref="MoveWorker"/> like the flags (ADR 0011); a copy older than three intervals is re-read before use. A failed
/// read (the table not migrated yet, the database away) keeps the last copy. The fence makes a stale copy safe: writes
/// routed to a side that was switched away from are refused, and the refusal reloads this copy.
/// </summary>
internal sealed class MoveRouting(IServiceScopeFactory scopes, ModuleDatabaseRegistry registry, IOptions<MoveOptions> options, TimeProvider clock, ILogger<MoveRouting> logger)
{
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, MoveRoute> _routes = new Dictionary<string, MoveRoute>(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private bool _failing;

    public MoveRoute? For(string module)
    {
        if (IsStale) ReloadIfStale();
        return _routes.GetValueOrDefault(module);
    }

    public IReadOnlyCollection<MoveRoute> All => _routes.Values.ToList();

    private bool IsStale => clock.GetUtcNow() - _loadedAt > options.Value.RefreshInterval * 3;

    private void ReloadIfStale()
    {
        lock (_gate)
        {
            if (IsStale) Reload();
        }
    }

    public void Reload()
    {
        lock (_gate)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<MovesDbContext>();
                var rows = db.Moves.AsNoTracking().Where(m => m.State != MoveStates.RolledBack).ToList();
                _routes = rows.GroupBy(r => r.Module, StringComparer.OrdinalIgnoreCase)
                    .Select(g => g.OrderByDescending(r => r.StartedAt).First())
                    .Select(ToRoute).OfType<MoveRoute>()
                    .ToDictionary(r => r.Module, StringComparer.OrdinalIgnoreCase);
                _failing = false;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or DbUpdateException)
            {
                // Before the first migration the table is simply not there yet (a CLI command checking that it is migrated,
                // a server about to migrate): nothing to route, no stack trace in the console.
                if (IsMissingTable(ex)) logger.LogDebug("No data moves table yet: {Error}", ex.Message);
                else if (!_failing) logger.LogWarning(ex, "Could not read the data moves; routing keeps its last copy");
                _failing = true;
            }

            _loadedAt = clock.GetUtcNow();
        }
    }

    private static bool IsMissingTable(Exception? ex) => ex is not null && (
        ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UndefinedTable }
        || (ex is Microsoft.Data.Sqlite.SqliteException sqlite && sqlite.Message.Contains("no such table", StringComparison.Ordinal))
        || IsMissingTable(ex.InnerException));

    private MoveRoute? ToRoute(DataMoveRow row)
    {
        if (registry.Find(row.Module) is not { } module) return null;
        return new MoveRoute(row.Id, module.Name, row.State, row.ReadPercent, row.Epoch,
            Connection(module.Name, row.Source), Connection(module.Name, row.Target), row.CaughtUpAt);
    }

    private static ModuleConnection Connection(string module, string raw) => new(module, ModuleConnection.Detect(raw), raw);
}
