using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KamHub.Core.Hosting;

internal static class TelemetryRegistration
{
    /// <summary>Meters the platform exports: its own, ASP.NET Core (hosting, Kestrel, routing), the runtime, Npgsql.</summary>
    private static readonly string[] Meters = [KamHubMetrics.MeterName, "System.Runtime"];

    /// <summary>
    /// The OpenTelemetry SDK collects the meters above and serves them in the Prometheus text format at /metrics. When
    /// <c>KamHub:Telemetry:OtlpEndpoint</c> is set, the same metrics plus traces also go to that collector over OTLP.
    /// </summary>
    public static IHostApplicationBuilder AddKamHubTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<KamHubMetrics>();
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("kamhub"))
            .WithMetrics(metrics =>
            {
                ((IDeferredMeterProviderBuilder)metrics).Configure((services, b) => b.AddView(OnlyThisHost(services.GetRequiredService<IMeterFactory>())));
                metrics.AddMeter(Meters)
                    .AddAspNetCoreInstrumentation()
                    .AddNpgsqlInstrumentation()
                    // Every scrape sees the latest numbers (the exporter would otherwise replay one answer for 300 ms).
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });

        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(KamHubMetrics.ActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return builder;
    }

    /// <summary>
    /// The SDK picks meters by name, process-wide; a meter made by another host's <see cref="IMeterFactory"/> (several
    /// hosts in one test process) is dropped so each /metrics counts its own host only. Static meters (runtime, Npgsql) stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory own) => instrument =>
        instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop;
}
