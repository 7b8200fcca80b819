using Npgsql;

namespace KamHub.Core.Data;

internal static class PostgresConnectionString
{
    /// <summary>
    /// Applies the configured pool size and timeout unless the connection string sets them itself, and skips the
    /// <c>DISCARD ALL</c> round trip each time a pooled connection goes back: KamHub leaves no session state behind
    /// (the one session lock, the migration lock, is released explicitly).
    /// </summary>
    public static string WithPool(string raw, DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(raw);
        if (!raw.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) &&
            !raw.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = options.MaxPoolSize;
        if (!raw.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase))
            builder.CommandTimeout = options.CommandTimeoutSeconds;
        if (!raw.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase) &&
            !raw.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ToString();
    }
}
