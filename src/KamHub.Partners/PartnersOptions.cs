using KamHub.Core.Hosting;

namespace KamHub.Partners;

/// <summary>KamHub:Partners settings, validated on start.</summary>
internal sealed class PartnersOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Partners";

    /// <summary>
    /// How long a departure is taken to last when Booking has no end for it (scheduled before ends were recorded):
    /// the span an assignee is busy for the overlap rule.
    /// </summary>
    public int FallbackDurationMinutes { get; set; } = 8 * 60;

    /// <summary>
    /// Operators must be approved before publishing tours or receiving payouts. On by default; a platform that vets its
    /// operators elsewhere (and the test suite, whose tests publish as operators of their own) turns it off.
    /// </summary>
    public bool RequireOperatorApproval { get; set; } = true;

    /// <summary>
    /// The first start seeds a demo agency (the demo agent its manager, granted the demo operator's tours at 10 %) along with
    /// the demo users. The test suite turns it off: its tests grant the demo agent themselves.
    /// </summary>
    public bool DemoAgency { get; set; } = true;

    /// <summary>The highest commission an operator may grant an agent, in percent of the booking's price (ADR 0023).</summary>
    public decimal MaxAgentCommissionPercent { get; set; } = 50;

    /// <summary>The largest document an operator may attach to its application (ADR 0025): 5 MiB.</summary>
    public int DocumentMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How many documents an organisation may keep attached at once.</summary>
    public int DocumentsPerOperator { get; set; } = 10;

    /// <summary>
    /// ClamAV's clamd, scanning every uploaded document over TCP (ADR 0025, update). Unset: no scanning, and documents are
    /// stored marked not scanned (the admin sees it).
    /// </summary>
    public string? ClamdHost { get; set; }

    public int ClamdPort { get; set; } = 3310;

    /// <summary>How long one scan may take, connection included, before the upload is answered 503.</summary>
    public int ClamdTimeoutSeconds { get; set; } = 30;

    /// <summary>The Retry-After of the 503 an upload gets while clamd does not answer.</summary>
    public int ClamdRetryAfterSeconds { get; set; } = 30;

    public IEnumerable<string> Validate()
    {
        if (DocumentMaxBytes is < 1024 or > 50 * 1024 * 1024) yield return "KamHub:Partners:DocumentMaxBytes must be between 1024 and 52428800.";
        if (DocumentsPerOperator is < 1 or > 100) yield return "KamHub:Partners:DocumentsPerOperator must be between 1 and 100.";
        if (MaxAgentCommissionPercent is <= 0 or > 100) yield return "KamHub:Partners:MaxAgentCommissionPercent must be above 0 and at most 100.";
        if (ClamdPort is < 1 or > 65535) yield return "KamHub:Partners:ClamdPort must be between 1 and 65535.";
        if (ClamdTimeoutSeconds is < 1 or > 600) yield return "KamHub:Partners:ClamdTimeoutSeconds must be between 1 and 600.";
        if (ClamdRetryAfterSeconds is < 1 or > 3600) yield return "KamHub:Partners:ClamdRetryAfterSeconds must be between 1 and 3600.";
        if (FallbackDurationMinutes is < 1 or > 14 * 24 * 60) yield return "KamHub:Partners:FallbackDurationMinutes must be between 1 and 20160.";
    }
}
