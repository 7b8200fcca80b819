namespace KamHub.Discovery.Tours;

internal static class TourClock
{
    /// <summary>UTC now cut to microseconds: PostgreSQL keeps no more, and cursors must compare equal after a round trip.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
