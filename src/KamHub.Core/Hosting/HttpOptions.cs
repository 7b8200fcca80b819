namespace KamHub.Core.Hosting;

/// <summary>HTTP settings (section <c>KamHub:Http</c>).</summary>
public sealed class HttpOptions
{
    public const string SectionName = "KamHub:Http";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
