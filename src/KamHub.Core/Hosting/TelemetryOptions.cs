namespace KamHub.Core.Hosting;

/// <summary>Telemetry settings (sections <c>KamHub:Telemetry</c> and <c>KamHub:Logging</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "KamHub:Telemetry";

    /// <summary>OTLP collector for traces and metrics (e.g. http://127.0.0.1:4317); none by default.</summary>
    public string? OtlpEndpoint { get; set; }
}
