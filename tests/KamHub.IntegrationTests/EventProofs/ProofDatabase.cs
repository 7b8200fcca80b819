using System.Data.Common;
using KamHub.Core.Events;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KamHub.IntegrationTests.EventProofs;

public sealed record ProofOrderRow(Guid EventId, string AggregateId, int Sequence, string EventType);

public sealed record ProofEffectRow(string Subscriber, Guid EventId, string AggregateId, int Sequence, int PreviousSequence, string Instance);

/// <summary>
/// Reads what the TestHost processes left in the database, with plain SQL and no code of the bus or the host, so
/// the proof does not trust what it proves.
/// </summary>
public sealed class ProofDatabase(TestDatabase database)
{
    /// <summary>The TestHost's subscribers, restated here as the specification the effects are checked against.</summary>
    public static readonly (string Name, EventTypePattern Pattern)[] Subscribers =
    [
        ("proof.exact", EventTypePattern.Parse("proof.ordered")),
        ("proof.prefix", EventTypePattern.Parse("proof.*")),
        ("proof.all", EventTypePattern.Parse("*")),
    ];

    private bool Sqlite => database.PlatformConnectionString is null;

    private string Table(string name) => Sqlite ? $"\"proof_{name}\"" : $"\"proof\".\"{name}\"";

    public Task<List<ProofOrderRow>> OrdersAsync() => QueryAsync(
        $"SELECT id, aggregate_id, sequence, event_type FROM {Table("orders")}",
        r => new ProofOrderRow(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetString(3)));

    public Task<List<ProofEffectRow>> EffectsAsync() => QueryAsync(
        $"SELECT subscriber, event_id, aggregate_id, sequence, previous_sequence, instance FROM {Table("effects")} ORDER BY id",
        r => new ProofEffectRow(r.GetString(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetString(5)));

    public Task<List<Guid>> OutboxEventIdsAsync() => QueryAsync($"SELECT id FROM {Table("outbox_events")}", r => r.GetGuid(0));

    /// <summary>Deliveries by status (pending, done, dead…).</summary>
    public async Task<Dictionary<string, long>> DeliveryStatusesAsync() =>
        (await QueryAsync($"SELECT status, COUNT(*) FROM {Table("event_deliveries")} GROUP BY status", r => (r.GetString(0), r.GetInt64(1))))
        .ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>
    /// Deliveries whose handler committed (inbox record) but which are not marked done: the window a crash leaves,
    /// which the next claim re-runs and the inbox must absorb. Read after a kill, it shows the kill hit mid-work.
    /// </summary>
    public async Task<long> HandledButNotDoneCountAsync() =>
        (await QueryAsync($"""
            SELECT COUNT(*) FROM {Table("event_deliveries")} d
            WHERE d.status = 'pending' AND EXISTS (SELECT 1 FROM {Table("event_inbox")} i
                WHERE i.subscriber = d.subscriber AND i.event_id = d.event_id AND i.replay_id = d.replay_id)
            """, r => r.GetInt64(0))).Single();

    public async Task<long> PendingCountAsync() =>
        (await QueryAsync($"SELECT COUNT(*) FROM {Table("event_deliveries")} WHERE status = 'pending'", r => r.GetInt64(0))).Single();

    public async Task<long> OrderCountAsync() =>
        (await QueryAsync($"SELECT COUNT(*) FROM {Table("orders")}", r => r.GetInt64(0))).Single();

    public async Task<long> InboxCountAsync() =>
        (await QueryAsync($"SELECT COUNT(*) FROM {Table("event_inbox")}", r => r.GetInt64(0))).Single();

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read)
    {
        await using DbConnection connection = Sqlite
            // ReadWrite, not ReadWriteCreate: the proof must never create the database before the host does.
            ? new SqliteConnection($"Data Source={Path.Combine(database.DataDir, "kamhub.db")};Mode=ReadWrite")
            : new NpgsqlConnection(database.PlatformConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
