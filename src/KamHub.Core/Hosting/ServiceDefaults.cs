using System.Text.Json;
using System.Text.Json.Serialization;
using KamHub.Core.Caching;
using KamHub.Core.Data;
using KamHub.Core.DataToolkit;
using KamHub.Core.DataToolkit.Moves;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Features;
using KamHub.Core.Http;
using KamHub.Core.Migrations;
using KamHub.Core.Monitoring;
using KamHub.Core.OpenApi;
using KamHub.Core.Security;
using KamHub.Core.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace KamHub.Core.Hosting;

public static class ServiceDefaults
{
    /// <summary>Logs, metrics, traces, health, problem details, JSON rules, cache, auth and OpenAPI: everything a module relies on.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var http = builder.Configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>() ?? new HttpOptions();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = http.MaxRequestBodyBytes);
        builder.Services.AddSingleton(http);
        builder.Services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        ConfigureLogging(builder);
        builder.AddKamHubTelemetry();
        builder.Services.AddKamHubOutgoingHttpDefaults(builder.Configuration);
        ModuleDatabaseRegistration.GetRegistry(builder.Services);
        builder.Services.AddSingleton<ModuleMigrator>();
        builder.Services.AddDataToolkit();
        builder.Services.AddOptions<SeedOptions>().Bind(builder.Configuration.GetSection(SeedOptions.SectionName));
        builder.Services.AddHostedService<PlatformStartup>();

        builder.AddKamHubCache();
        HealthEndpoints.AddKamHubHealthChecks(builder.Services);
        builder.AddKamHubAuthentication();
        builder.Services.AddKamHubRateLimiting(builder.Configuration);
        builder.Services.AddKamHubEvents(builder.Configuration);
        builder.AddKamHubFeatureFlags();
        builder.AddKamHubDataMoves();

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // The framework's defaults point at RFC sections; KamHub's own stable types replace them.
            if (ctx.ProblemDetails.Type is null || ctx.ProblemDetails.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
                ctx.ProblemDetails.Type = ProblemTypes.ForStatus(ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode);
            ctx.ProblemDetails.Extensions["correlationId"] = ctx.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<GlobalExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddKamHubOpenApi();
        return builder;
    }

    /// <summary>
    /// The JSON rules of the API: camelCase, enums as strings; numbers are numbers (not "5" in quotes, so the OpenAPI
    /// document types integers as integers); unknown fields and repeated keys rejected instead of ignored or "last
    /// wins"; every string storable on both providers.
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new StorableStringConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Configuration.GetValue<bool>("KamHub:Logging:Json"))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            // A person reads this console: the trace id finds a request's other lines; span and parent ids only add noise.
            builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId);
        }

        // EF logs every command at Information; our interceptor reports the slow ones instead.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
    }
}
