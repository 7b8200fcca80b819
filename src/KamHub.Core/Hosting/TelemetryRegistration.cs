using KamHub.Core.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KamHub.Core.Hosting;

internal static class TelemetryRegistration
{
    /// <summary>
    /// Prometheus text comes from our own collector; when an OTLP endpoint is set, the OpenTelemetry SDK also exports
    /// traces (ASP.NET Core and KamHub activities) and the same meters there.
    /// </summary>
    public static IHostApplicationBuilder AddKamHubTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PrometheusMetricsCollector>();
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint)) return builder;

        var endpoint = new Uri(options.OtlpEndpoint);
        var resource = ResourceBuilder.CreateDefault().AddService("kamhub");
        builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(KamHubMetrics.ActivitySourceName, "Microsoft.AspNetCore", "System.Net.Http", "Npgsql")
            .AddOtlpExporter(o => o.Endpoint = endpoint)
            .Build());
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(KamHubMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "System.Runtime")
            .AddOtlpExporter(o => o.Endpoint = endpoint)
            .Build());
        builder.Services.AddHostedService<TelemetryStarter>();
        return builder;
    }

    /// <summary>Providers are created on first resolve; resolving them at start makes export begin with the app.</summary>
    private sealed class TelemetryStarter(TracerProvider tracer, MeterProvider meter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracer.ForceFlush();
            meter.ForceFlush();
            return Task.CompletedTask;
        }
    }
}
