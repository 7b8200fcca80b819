using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KamHub.Core.DataToolkit;

public static class DataToolkitRegistration
{
    /// <summary>The toolkit's services: the CLI uses them today, the online move (ADR 0012) will from the server.</summary>
    public static IServiceCollection AddDataToolkit(this IServiceCollection services)
    {
        services.TryAddSingleton<DataStatus>();
        services.TryAddSingleton<DataCopier>();
        services.TryAddSingleton<DataVerifier>();
        services.TryAddSingleton<DataArchiver>();
        return services;
    }
}
