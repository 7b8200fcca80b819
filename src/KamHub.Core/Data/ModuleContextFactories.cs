using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.Data;

/// <summary>
/// The scoped module DbContexts, pooled per (context, database): the configured database normally, and during an
/// online move (ADR 0014) the side the move routes to, possibly another provider. EF's pooled factory, one per
/// database, so a context leased for one side never carries the other's options.
/// </summary>
public sealed class ModuleContextFactories(IServiceProvider root, ModuleDatabaseRegistry registry)
{
    private const int PoolSize = 1024;
    private readonly ConcurrentDictionary<(Type, string), object> _factories = new();

    public TContext Create<TContext>(string module) where TContext : ModuleDbContext
    {
        var database = registry.Find(module)!;
        var connection = root.GetService<IModuleRouteSelector>()?.Select(database) ?? database.Connection;
        var factory = (IDbContextFactory<TContext>)_factories.GetOrAdd((typeof(TContext), connection.ConnectionString), _ => Build<TContext>(connection));
        return factory.CreateDbContext();
    }

    private PooledDbContextFactory<TContext> Build<TContext>(ModuleConnection connection) where TContext : ModuleDbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        options.UseApplicationServiceProvider(root);
        ModuleDatabaseRegistration.Configure(root, options, connection);
        return new PooledDbContextFactory<TContext>(options.Options, PoolSize);
    }
}
