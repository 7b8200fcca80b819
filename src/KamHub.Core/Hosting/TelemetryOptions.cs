namespace KamHub.Core.Hosting;

/// <summary>Telemetry settings (sections <c>KamHub:Telemetry</c> and <c>KamHub:Logging</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "KamHub:Telemetry";

    /// <summary>OTLP collector for traces, metrics and logs (e.g. http://127.0.0.1:4317); none by default.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// <c>grpc</c> (the collector's port 4317, the default) or <c>http/protobuf</c> (port 4318; the signal paths
    /// <c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c> are appended to <see cref="OtlpEndpoint"/>).
    /// </summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
