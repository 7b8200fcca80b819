using Npgsql;

namespace KamHub.Core.Data;

internal static class PostgresConnectionString
{
    /// <summary>Applies the configured pool size and timeout unless the connection string sets them itself.</summary>
    public static string WithPool(string raw, DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(raw);
        if (!raw.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) &&
            !raw.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = options.MaxPoolSize;
        if (!raw.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase))
            builder.CommandTimeout = options.CommandTimeoutSeconds;
        return builder.ToString();
    }
}
