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

    /// <summary>The highest commission an operator may grant an agent, in percent of the booking's price (ADR 0023).</summary>
    public decimal MaxAgentCommissionPercent { get; set; } = 50;

    public IEnumerable<string> Validate()
    {
        if (MaxAgentCommissionPercent is <= 0 or > 100) yield return "KamHub:Partners:MaxAgentCommissionPercent must be above 0 and at most 100.";
        if (FallbackDurationMinutes is < 1 or > 14 * 24 * 60) yield return "KamHub:Partners:FallbackDurationMinutes must be between 1 and 20160.";
    }
}
