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

    /// <summary>Points spent on a booking may pay at most this percentage of its price; the platform funds the discount.</summary>
    public int PointsMaxDiscountPercent { get; set; } = 30;

    /// <summary>Each side of a conversation is notified of new messages at most once per this many minutes.</summary>
    public int MessageNotifyMinutes { get; set; } = 15;

    /// <summary>PostgreSQL: monthly message partitions kept ready beyond the current month.</summary>
    public int MessagePartitionsAhead { get; set; } = 3;

    /// <summary>PostgreSQL: months of messages kept (whole partitions older are dropped); 0 keeps them all.</summary>
    public int MessageRetentionMonths { get; set; } = 36;

    /// <summary>How often partitions are created ahead and old ones dropped.</summary>
    public TimeSpan MessagePartitionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often an instance with open live streams reads other instances' conversation changes (ADR 0024).</summary>
    public TimeSpan LiveFeedInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A live stream sends a ping this often when nothing happened (proxies drop silent connections) and looks for changes itself.</summary>
    public TimeSpan LiveKeepAlive { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Live streams one user may hold open at once on an instance; more answer 429 (the page then polls).</summary>
    public int LiveStreamsPerUser { get; set; } = 5;

    /// <summary>Live streams one instance holds open at once, all users together (each holds a connection); more answer 429 (the page then polls).</summary>
    public int LiveStreamsPerInstance { get; set; } = 2000;

    /// <summary>A points reservation whose booking Booking still does not know this long after is given back (its hold never committed).</summary>
    public TimeSpan PointsOrphanAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far behind <see cref="PointsOrphanAfter"/> each check still looks (it bounds the work of a run).</summary>
    public TimeSpan PointsOrphanLookback { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often reservations of bookings that were never stored are looked for.</summary>
    public TimeSpan PointsOrphanInterval { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<string> Validate()
    {
        if (PointsOrphanAfter < TimeSpan.FromMinutes(5)) yield return "KamHub:Engagement:PointsOrphanAfter must be at least 5 minutes.";
        if (PointsOrphanLookback < PointsOrphanInterval) yield return "KamHub:Engagement:PointsOrphanLookback must be at least PointsOrphanInterval.";
        if (PointsOrphanInterval < TimeSpan.FromMinutes(1)) yield return "KamHub:Engagement:PointsOrphanInterval must be at least a minute.";
        if (LiveStreamsPerUser is < 1 or > 100) yield return "KamHub:Engagement:LiveStreamsPerUser must be between 1 and 100.";
        if (LiveStreamsPerInstance is < 1 or > 100_000) yield return "KamHub:Engagement:LiveStreamsPerInstance must be between 1 and 100000.";
        if (LiveFeedInterval < TimeSpan.FromMilliseconds(50) || LiveFeedInterval > TimeSpan.FromMinutes(1))
            yield return "KamHub:Engagement:LiveFeedInterval must be between 50 ms and a minute.";
        if (LiveKeepAlive < TimeSpan.FromSeconds(1) || LiveKeepAlive > TimeSpan.FromMinutes(10))
            yield return "KamHub:Engagement:LiveKeepAlive must be between a second and ten minutes.";
        if (MessageNotifyMinutes is < 0 or > 24 * 60) yield return "KamHub:Engagement:MessageNotifyMinutes must be between 0 and 1440.";
        if (MessagePartitionsAhead is < 1 or > 24) yield return "KamHub:Engagement:MessagePartitionsAhead must be between 1 and 24.";
        if (MessageRetentionMonths is < 0 or > 1200) yield return "KamHub:Engagement:MessageRetentionMonths must be between 0 and 1200.";
        if (MessagePartitionInterval < TimeSpan.FromMinutes(1)) yield return "KamHub:Engagement:MessagePartitionInterval must be at least a minute.";
        if (PointsMaxDiscountPercent is < 0 or > 90) yield return "KamHub:Engagement:PointsMaxDiscountPercent must be between 0 and 90.";
        if (PointsEarnPercent is < 0 or > 100) yield return "KamHub:Engagement:PointsEarnPercent must be between 0 and 100.";
        if (PointsExpiryMonths is < 1 or > 120) yield return "KamHub:Engagement:PointsExpiryMonths must be between 1 and 120.";
        if (ReviewWindowDays is < 1 or > 3650) yield return "KamHub:Engagement:ReviewWindowDays must be between 1 and 3650.";
        if (ReviewEditHours is < 0 or > 24 * 365) yield return "KamHub:Engagement:ReviewEditHours must be between 0 and 8760.";
    }
}
