using KamHub.Core.DataToolkit.Moves;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Features.Admin;
using KamHub.Core.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.Hosting;

public static class PipelineDefaults
{
    /// <summary>
    /// Middleware order matters: forwarded headers first so everything after sees the real client address and scheme,
    /// then correlation so every later log line and problem carries the id.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>(app.Services.GetRequiredService<HttpOptions>().MaxRequestBodyBytes);
        app.UseMiddleware<StorableParametersMiddleware>();
        app.UseAuthentication();
        // After authentication: signed-in users are partitioned by user, everyone else by address.
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapKamHubHealth();
        app.MapKamHubEventsAdmin();
        app.MapKamHubFlags();
        app.MapKamHubDataMoves();
        app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "KamHub API v1");
            o.DocumentTitle = "KamHub API";
        });
        return app;
    }
}
