namespace KamHub.Core.Time;

/// <summary>
/// Instants as every module stores them: UTC, truncated to microseconds, because PostgreSQL keeps no more and a
/// value (a keyset cursor, a version) must compare equal after a round trip through either provider.
/// </summary>
public static class StoredTime
{
    public static DateTime Now(TimeProvider clock) => Truncate(clock.GetUtcNow().UtcDateTime);

    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>A stored value back as an instant (SQLite hands it back with an unspecified kind).</summary>
    public static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));
}
