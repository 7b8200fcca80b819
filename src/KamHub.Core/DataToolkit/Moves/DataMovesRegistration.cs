using KamHub.Core.Data;
using KamHub.Core.Features.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using KamHub.Core.Hosting;

namespace KamHub.Core.DataToolkit.Moves;

public static class DataMovesRegistration
{
    /// <summary>Online moves (ADR 0014): the moves' table, routing of moving modules, the mirror worker and the steps. Called by AddServiceDefaults.</summary>
    public static IHostApplicationBuilder AddKamHubDataMoves(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<MoveOptions>(builder.Configuration.GetSection(MoveOptions.SectionName));
        builder.AddModuleDatabase<MovesDbContext>(MovesDbContext.Module);
        services.AddHttpContextAccessor();
        services.TryAddSingleton<MoveRouting>();
        services.TryAddSingleton<RecentWriters>();
        services.TryAddSingleton<MoveMetrics>();
        services.TryAddSingleton<ShadowReads>();
        services.TryAddSingleton<IModuleRouteSelector, MoveRouteSelector>();
        services.TryAddScoped(sp => new DataMoves(sp.GetRequiredService<MovesDbContext>(), sp.GetRequiredService<FlagAdmin>(), sp.GetRequiredService<DataCopier>(),
            sp.GetRequiredService<DataVerifier>(), sp.GetRequiredService<ModuleDatabaseRegistry>(), sp.GetRequiredService<MoveRouting>(),
            sp.GetRequiredService<IOptions<MoveOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<MoveWorker>();
        return builder;
    }
}
