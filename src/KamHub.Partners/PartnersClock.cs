namespace KamHub.Partners;

/// <summary>Instants as stored: UTC, truncated to microseconds so both providers keep them unchanged.</summary>
internal static class PartnersClock
{
    public static DateTime Now(TimeProvider clock) => Truncate(clock.GetUtcNow().UtcDateTime);

    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    public static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));
}
