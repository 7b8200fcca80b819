using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KamHub.Core.DataToolkit;

/// <summary>
/// A module's DbContext on any database, not only the one configuration names: the toolkit reads the module's model
/// (tables, columns, keys, type mappings) and its migrations from it, for the source and the target of a copy alike.
/// No interceptors: a source is only read (SQLite read-only), and nothing here publishes events.
/// </summary>
public static class ModuleContexts
{
    public static ModuleDbContext Create(ModuleDatabase module, DataEndpoint endpoint)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(module.ContextType))!;
        if (endpoint.IsSqlite)
        {
            builder.UseSqlite(endpoint.ConnectionString, sqlite => sqlite
                .MigrationsHistoryTable(ModuleTableNames.HistoryTable(module.Schema, sqlite: true)));
        }
        else
        {
            builder.UseNpgsql(endpoint.ConnectionString, npgsql => npgsql
                .MigrationsHistoryTable(ModuleTableNames.HistoryTable(module.Schema, sqlite: false), module.Schema));
        }

        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return (ModuleDbContext)Activator.CreateInstance(module.ContextType, builder.Options)!;
    }

    /// <summary>Migration ids applied on <paramref name="endpoint"/>, oldest first; empty when the module was never migrated there. Reads only.</summary>
    public static async Task<IReadOnlyList<string>> AppliedMigrationsAsync(ModuleDatabase module, DataEndpoint endpoint, CancellationToken ct)
    {
        await using var context = Create(module, endpoint);
        try
        {
            return [.. await context.Database.GetAppliedMigrationsAsync(ct)];
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new DataToolkitException($"{endpoint.Label}: cannot read {module.Name}'s migrations ({DataEndpoint.FirstLine(ex.Message)})", ex);
        }
    }
}
