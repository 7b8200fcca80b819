using System.Diagnostics.Metrics;
using KamHub.Core.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KamHub.Core.Hosting;

internal static class TelemetryRegistration
{
    /// <summary>Meters the platform exports: its own, ASP.NET Core (hosting, Kestrel, routing), the runtime, Npgsql.</summary>
    private static readonly string[] Meters = [KamHubMetrics.MeterName, "System.Runtime"];

    private const string OutgoingHttpSource = "System.Net.Http";

    /// <summary>
    /// The OpenTelemetry SDK collects the meters above and serves them in the Prometheus text format at /metrics. When
    /// <c>KamHub:Telemetry:OtlpEndpoint</c> is set, the same metrics, traces (incoming requests, outgoing HTTP calls,
    /// Npgsql, KamHub's own spans) and logs (with their trace and span ids) also go to that collector over OTLP.
    /// </summary>
    public static IHostApplicationBuilder AddKamHubTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<KamHubMetrics>();
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new OtlpTarget(new Uri(options.OtlpEndpoint), options.OtlpProtocol);

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
                if (otlp is not null) metrics.AddOtlpExporter(o => otlp.Configure(o, "metrics"));
            });

        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(KamHubMetrics.ActivitySourceName)
                // HttpClient's own ActivitySource (.NET 9+): a span per outgoing call, in the request's trace.
                .AddSource(OutgoingHttpSource)
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => otlp.Configure(o, "traces")));
            telemetry.WithLogging(logging => logging.AddOtlpExporter(o => otlp.Configure(o, "logs")));
        }

        return builder;
    }

    /// <summary>
    /// The SDK picks meters by name, process-wide; a meter made by another host's <see cref="IMeterFactory"/> (several
    /// hosts in one test process) is dropped so each /metrics counts its own host only. Static meters (runtime, Npgsql) stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory own) => instrument =>
        instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop;

    /// <summary>Where OTLP goes. Over http/protobuf an endpoint set in code is used as is, so the signal's path is added here.</summary>
    private sealed record OtlpTarget(Uri Endpoint, string Protocol)
    {
        public void Configure(OtlpExporterOptions o, string signal)
        {
            if (Protocol is not ("grpc" or "http/protobuf"))
                throw new InvalidOperationException($"KamHub:Telemetry:OtlpProtocol is '{Protocol}'; use grpc or http/protobuf.");
            if (Protocol == "http/protobuf")
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(Endpoint, $"{Endpoint.AbsolutePath.TrimEnd('/')}/v1/{signal}");
            }
            else
            {
                o.Endpoint = Endpoint;
            }
        }
    }
}
