namespace KamHub.Core.Hosting;

/// <summary>HTTP settings (section <c>KamHub:Http</c>).</summary>
public sealed class HttpOptions
{
    public const string SectionName = "KamHub:Http";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Which reverse proxies may tell us the client's address and scheme.</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

/// <summary>
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed only from these senders (plus loopback, always).
/// Anyone else could forge them, e.g. to dodge the per-address login throttle.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
