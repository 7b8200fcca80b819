using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>
/// On SQLite the delivery log's clean-up deletes inside a transaction that takes the write lock up front (Core's
/// SqliteWriteLock, as the event bus does), so a concurrent commit makes it wait in SQLite's busy handler instead of
/// failing with SQLITE_BUSY into Microsoft.Data.Sqlite's 150 ms sleep (the slow query that was logged at every start).
/// </summary>
public sealed class RetentionWriteLockTests : IDisposable
{
    private readonly NotificationsFactory _factory = new(start: new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _factory.Dispose();

    [SqliteFact]
    public async Task Retention_OnSqlite_DeletesUnderTheWriteLockNotInAutocommit()
    {
        _ = _factory.Services; // the host is up, so the capture sees only what the retention run below (or its start-up twin) sends
        using var capture = new SqlCapture(_factory.Database.ConnectionMarker);

        await _factory.EnsureLogMonthsAsync();

        var deletes = capture.Commands.Where(c => c.Sql.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
            && (c.Sql.Contains("deliveries\"", StringComparison.Ordinal) || c.Sql.Contains("delivery_keys\"", StringComparison.Ordinal))).ToList();
        Assert.True(deletes.Count >= 2, "expected the deliveries and keys deletes, saw:\n" + string.Join('\n', capture.Commands.Select(c => c.Sql)));
        Assert.All(deletes, d => Assert.True(d.InTransaction, "autocommit: " + d.Sql));
    }
}
