using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Core.Features.Admin;
using KamHub.Core.Features.Data;
using KamHub.Core.Features.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using KamHub.Core.Hosting;

namespace KamHub.Core.Features;

public static class FeatureFlagsRegistration
{
    /// <summary>
    /// Feature flags (ADR 0011): Microsoft.FeatureManagement with the definitions in the flags database (the platform's
    /// unless <c>ConnectionStrings:Flags</c> is set), refreshed on every instance, sticky targeting, the admin API's
    /// services and <see cref="IFeatureFlags"/>. Called by AddServiceDefaults.
    /// </summary>
    public static IHostApplicationBuilder AddKamHubFeatureFlags(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<FlagsOptions>(builder.Configuration.GetSection(FlagsOptions.SectionName));
        builder.AddModuleDatabase<FlagsDbContext>(FlagsDbContext.Module);
        services.AddEventOutbox<FlagsDbContext>();

        services.AddHttpContextAccessor();
        services.TryAddSingleton<FlagStore>();
        services.TryAddSingleton<FlagMetrics>();
        services.TryAddSingleton<IFeatureDefinitionProvider, DatabaseFeatureDefinitionProvider>();
        // Case-insensitive names and groups; ids are hashed lower-cased, so buckets do not depend on how an id was spelled.
        services.Configure<TargetingEvaluationOptions>(o => o.IgnoreCase = true);
        services.AddFeatureManagement().WithTargeting<FlagTargetingContextAccessor>();
        services.TryAddSingleton<IFeatureFlags, FeatureFlags>();
        services.TryAddScoped(sp => new FlagAdmin(
            sp.GetRequiredService<FlagsDbContext>(), sp.GetRequiredService<IEventPublisher>(), sp.GetRequiredService<FlagStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<FlagRefresher>();
        return builder;
    }
}
