using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace KamHub.Core.Data;

/// <summary>The database a module uses: its own connection string, or the platform's, or embedded SQLite.</summary>
public sealed record ModuleConnection(string Module, DatabaseProvider Provider, string ConnectionString)
{
    public const string PlatformName = "Platform";

    /// <summary>
    /// <c>ConnectionStrings:&lt;Module&gt;</c>, falling back to <c>ConnectionStrings:Platform</c>,
    /// falling back to <c>kamhub.db</c> in the data directory.
    /// </summary>
    public static ModuleConnection Resolve(IConfiguration configuration, string module)
    {
        var raw = configuration.GetConnectionString(module);
        if (string.IsNullOrWhiteSpace(raw)) raw = configuration.GetConnectionString(PlatformName);
        if (string.IsNullOrWhiteSpace(raw))
        {
            var path = Path.Combine(DataDirectory.Resolve(configuration), "kamhub.db");
            raw = $"Data Source={path}";
        }

        var provider = Detect(raw);
        return new ModuleConnection(module, provider, provider == DatabaseProvider.Sqlite ? NormalizeSqlite(raw, configuration) : raw);
    }

    public static DatabaseProvider Detect(string connectionString)
    {
        var lower = connectionString.ToLowerInvariant();
        return lower.Contains("host=", StringComparison.Ordinal) || lower.Contains("server=", StringComparison.Ordinal)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;
    }

    /// <summary>SQLite files are created on demand; make sure their folder exists and a busy timeout is set.</summary>
    private static string NormalizeSqlite(string raw, IConfiguration configuration)
    {
        var builder = new SqliteConnectionStringBuilder(raw);
        if (!builder.DataSource.Equals(":memory:", StringComparison.Ordinal) && builder.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }

        if (builder.DefaultTimeout == 30)
        {
            var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
            builder.DefaultTimeout = options.SqliteBusyTimeoutSeconds;
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
