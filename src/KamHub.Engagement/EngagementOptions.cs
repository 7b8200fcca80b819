using KamHub.Core.Hosting;

namespace KamHub.Engagement;

/// <summary>KamHub:Engagement settings, validated on start.</summary>
internal sealed class EngagementOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Engagement";

    /// <summary>How long after a trip completes its booker may review it.</summary>
    public int ReviewWindowDays { get; set; } = 60;

    /// <summary>How long after writing it the author may still change a review.</summary>
    public int ReviewEditHours { get; set; } = 48;

    /// <summary>Points earned per completed trip: this percentage of what was paid, one point per whole currency unit.</summary>
    public int PointsEarnPercent { get; set; } = 5;

    /// <summary>Earned points lapse this many months after they were earned.</summary>
    public int PointsExpiryMonths { get; set; } = 12;

    public IEnumerable<string> Validate()
    {
        if (PointsEarnPercent is < 0 or > 100) yield return "KamHub:Engagement:PointsEarnPercent must be between 0 and 100.";
        if (PointsExpiryMonths is < 1 or > 120) yield return "KamHub:Engagement:PointsExpiryMonths must be between 1 and 120.";
        if (ReviewWindowDays is < 1 or > 3650) yield return "KamHub:Engagement:ReviewWindowDays must be between 1 and 3650.";
        if (ReviewEditHours is < 0 or > 24 * 365) yield return "KamHub:Engagement:ReviewEditHours must be between 0 and 8760.";
    }
}
