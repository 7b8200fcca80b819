using System.Text.Json;
using KamHub.Core.Caching;
using KamHub.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KamHub.Core.Monitoring;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    /// <summary>Probes read; anything else (PUT, DELETE, TRACE) is 405, like any route that does not take the method.</summary>
    private static readonly HttpMethodMetadata ProbeMethods = new([HttpMethods.Get, HttpMethods.Head]);

    internal static void AddKamHubHealthChecks(IServiceCollection services)
    {
        services.AddHealthChecks().Add(new HealthCheckRegistration("cache",
            sp => new CacheHealthCheck(sp.GetService<RedisConnection>()), HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5)));
        // Module databases register late (each module adds its own), so their checks are added when the registry is read.
        services.ConfigureOptions<ModuleHealthRegistrations>();
    }

    public static IEndpointRouteBuilder MapKamHubHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(ProbeMethods).ExcludeFromDescription();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
        }).WithMetadata(ProbeMethods).ExcludeFromDescription();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            durationMs = (long)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                durationMs = (long)e.Value.Duration.TotalMilliseconds,
            }),
            down = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private sealed class ModuleHealthRegistrations(ModuleDatabaseRegistry registry)
        : Microsoft.Extensions.Options.IConfigureOptions<HealthCheckServiceOptions>
    {
        public void Configure(HealthCheckServiceOptions options)
        {
            foreach (var database in registry.Modules)
                options.Registrations.Add(new HealthCheckRegistration($"database:{database.Name.ToLowerInvariant()}",
                    sp => new ModuleDatabaseHealthCheck(sp, database), HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5)));
        }
    }
}
