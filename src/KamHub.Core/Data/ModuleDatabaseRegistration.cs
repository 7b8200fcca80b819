using KamHub.Core.Events;
using KamHub.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using KamHub.Core.Hosting;

namespace KamHub.Core.Data;

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// Registers a module's pooled DbContext on the database named by <c>ConnectionStrings:&lt;module&gt;</c> (or the
    /// platform's). Its migrations are hand-written once for both providers (ADR 0002).
    /// </summary>
    public static IHostApplicationBuilder AddModuleDatabase<TContext>(this IHostApplicationBuilder builder, string module)
        where TContext : ModuleDbContext
    {
        builder.Services.AddModuleDatabase<TContext>(builder.Configuration, module);
        return builder;
    }

    /// <summary>The same for hosts that only offer services and configuration (test hosts adding a module).</summary>
    public static IServiceCollection AddModuleDatabase<TContext>(this IServiceCollection services, IConfiguration configuration, string module)
        where TContext : ModuleDbContext
    {
        services.AddCoreData(configuration);
        var connection = ModuleConnection.Resolve(configuration, module);
        GetRegistry(services).Add(new ModuleDatabase(module, typeof(TContext), connection));

        // Pooled like AddDbContextPool, but per database, so an online move can route the module (ADR 0014).
        services.TryAddSingleton<ModuleContextFactories>();
        services.AddScoped(sp => sp.GetRequiredService<ModuleContextFactories>().Create<TContext>(module));
        return services;
    }

    public static ModuleDatabaseRegistry GetRegistry(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ModuleDatabaseRegistry))?.ImplementationInstance;
        if (existing is ModuleDatabaseRegistry registry) return registry;
        registry = new ModuleDatabaseRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    private static void AddCoreData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DatabaseOptions>(configuration.GetSection(DatabaseOptions.SectionName));
        services.TryAddSingleton<KamHubMetrics>();
        services.TryAddSingleton<DbCommandMetricsInterceptor>();
        services.TryAddSingleton<SqlitePragmaInterceptor>();
        EventBusRegistration.AddEventInterceptors(services);
    }

    internal static void Configure(IServiceProvider services, DbContextOptionsBuilder options, ModuleConnection connection)
    {
        var settings = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var schema = connection.Module.ToLowerInvariant();
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(connection.ConnectionString, sqlite => sqlite
                .CommandTimeout(settings.CommandTimeoutSeconds)
                .MigrationsHistoryTable(ModuleTableNames.HistoryTable(schema, sqlite: true)));
            options.AddInterceptors(services.GetRequiredService<SqlitePragmaInterceptor>());
        }
        else
        {
            options.UseNpgsql(PostgresConnectionString.WithPool(connection.ConnectionString, settings), npgsql => npgsql
                .CommandTimeout(settings.CommandTimeoutSeconds)
                .MigrationsHistoryTable(ModuleTableNames.HistoryTable(schema, sqlite: false), schema));
        }

        options.AddInterceptors(services.GetRequiredService<DbCommandMetricsInterceptor>());
        // Shadow reads of an online move see the rows a sampled read materialized (ADR 0014); absent where moves are not registered.
        if (services.GetService<DataToolkit.Moves.ShadowReads>() is not null) options.AddInterceptors(DataToolkit.Moves.ShadowReadInterceptor.Instance);
        // Outbox commits wake the event dispatcher (ADR 0004).
        options.AddInterceptors(services.GetRequiredService<OutboxSaveChangesInterceptor>(), services.GetRequiredService<OutboxTransactionInterceptor>());
        // Migrations are hand-written without model snapshots; the schema-matches-model test guards drift instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
