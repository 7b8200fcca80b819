using System.Data.Common;
using System.Text.RegularExpressions;
using KamHub.Core.Monitoring;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Data;

/// <summary>Times every command for the duration histogram, counts and logs the slow ones (SQL shape only, never parameter values).</summary>
internal sealed partial class DbCommandMetricsInterceptor(IOptions<DatabaseOptions> options, KamHubMetrics metrics, ILogger<DbCommandMetricsInterceptor> logger)
    : DbCommandInterceptor
{
    private readonly TimeSpan _threshold = TimeSpan.FromMilliseconds(options.Value.SlowQueryThresholdMs);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command, CommandExecutedEventData eventData)
    {
        var module = (eventData.Context as ModuleDbContext)?.ModuleName ?? "unknown";
        metrics.DbCommand(module, eventData.Duration);
        if (eventData.Duration < _threshold) return;

        metrics.SlowQuery(module);
        logger.LogWarning("Slow query in {Module} took {ElapsedMs} ms: {SqlShape}",
            module, (long)eventData.Duration.TotalMilliseconds, Shape(command.CommandText));
    }

    /// <summary>Strips string and number literals so a value inlined into SQL never reaches the log.</summary>
    internal static string Shape(string sql) =>
        Whitespace().Replace(NumberLiteral().Replace(StringLiteral().Replace(sql, "?"), "?"), " ").Trim();

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w@$.])-?\d+(\.\d+)?\b")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
