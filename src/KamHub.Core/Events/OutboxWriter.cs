using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

// Table names come from the EF model, never from input; values are parameters.
#pragma warning disable CA2100

namespace KamHub.Core.Events;

/// <summary>
/// Writes the events of one SaveChanges and their deliveries (one per matching subscriber) with multi-row statements
/// on the context's connection, in its current transaction: on PostgreSQL one round trip of two <c>INSERT … SELECT
/// FROM unnest(arrays)</c> whose text does not depend on the number of rows; on SQLite multi-row VALUES. Rows go in
/// publication order, so positions and delivery ids (which order each aggregate's stream) follow it.
/// </summary>
internal static class OutboxWriter
{
    /// <summary>SQLite binds every value separately: keep statements well under its variable limit.</summary>
    private const int SqliteRowsPerStatement = 200;

    /// <summary>The number of rows written (events and deliveries), and of deliveries alone.</summary>
    public static async Task<(int Rows, int Deliveries)> WriteAsync(DbContext db, IReadOnlyList<OutboxEvent> events, EventSubscriptions subscriptions, bool async, CancellationToken ct)
    {
        var deliveries = new List<(OutboxEvent Event, string Subscriber)>(events.Count * 3);
        foreach (var e in events)
        {
            foreach (var subscription in subscriptions.Matching(e.Type)) deliveries.Add((e, subscription.Name));
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Outbox rows are written only inside the transaction of the change they describe.");
        if (connection is NpgsqlConnection npgsql)
        {
            await using var batch = PostgresBatch(db, npgsql, (NpgsqlTransaction)transaction, events, deliveries);
            if (async) await batch.ExecuteNonQueryAsync(ct);
            else batch.ExecuteNonQuery();
        }
        else
        {
            var mappings = db.GetService<IRelationalTypeMappingSource>();
            foreach (var chunk in events.Chunk(SqliteRowsPerStatement))
                await ExecuteAsync(SqliteEvents(db, connection, transaction, mappings, chunk), async, ct);
            foreach (var chunk in deliveries.Chunk(SqliteRowsPerStatement))
                await ExecuteAsync(SqliteDeliveries(db, connection, transaction, mappings, chunk), async, ct);
        }

        return (events.Count + deliveries.Count, deliveries.Count);
    }

    private static NpgsqlBatch PostgresBatch(DbContext db, NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<OutboxEvent> events, List<(OutboxEvent Event, string Subscriber)> deliveries)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        var outbox = new NpgsqlBatchCommand($"""
            INSERT INTO {DbCommands.Table<OutboxEvent>(db)} (id, type, version, aggregate_id, occurred_at, correlation_id, causation_id, payload)
            SELECT u.id, u.type, u.version, u.aggregate_id, u.occurred_at, u.correlation_id, u.causation_id, u.payload
            FROM unnest($1, $2, $3, $4, $5, $6, $7, $8) WITH ORDINALITY AS u(id, type, version, aggregate_id, occurred_at, correlation_id, causation_id, payload, n)
            ORDER BY u.n
            """);
        outbox.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Select(e => e.Id)] });
        outbox.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Type)] });
        outbox.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. events.Select(e => e.Version)] });
        outbox.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.AggregateId)] });
        outbox.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. events.Select(e => e.OccurredAt)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        outbox.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.CorrelationId)] });
        outbox.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [.. events.Select(e => e.CausationId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        outbox.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Payload)] });
        batch.BatchCommands.Add(outbox);
        if (deliveries.Count == 0) return batch;

        var delivery = new NpgsqlBatchCommand($"""
            INSERT INTO {DbCommands.Table<EventDelivery>(db)} (event_id, subscriber, aggregate_id, event_type, replay_id, status, attempts, next_attempt_at, created_at)
            SELECT u.event_id, u.subscriber, u.aggregate_id, u.event_type, '00000000-0000-0000-0000-000000000000', '{DeliveryStatus.Pending}', 0, u.created_at, u.created_at
            FROM unnest($1, $2, $3, $4, $5) WITH ORDINALITY AS u(event_id, subscriber, aggregate_id, event_type, created_at, n)
            ORDER BY u.n
            """);
        delivery.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. deliveries.Select(d => d.Event.Id)] });
        delivery.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.Subscriber)] });
        delivery.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.Event.AggregateId)] });
        delivery.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.Event.Type)] });
        delivery.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. deliveries.Select(d => d.Event.OccurredAt)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(delivery);
        return batch;
    }

    private static DbCommand SqliteEvents(DbContext db, DbConnection connection, DbTransaction transaction, IRelationalTypeMappingSource mappings, OutboxEvent[] events)
    {
        var command = Command(connection, transaction);
        var rows = new List<string>(events.Length);
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            rows.Add($"(@i{i}, @t{i}, @v{i}, @a{i}, @o{i}, @c{i}, @k{i}, @p{i})");
            Add(command, mappings, $"@i{i}", e.Id);
            Add(command, mappings, $"@t{i}", e.Type);
            Add(command, mappings, $"@v{i}", e.Version);
            Add(command, mappings, $"@a{i}", e.AggregateId);
            Add(command, mappings, $"@o{i}", e.OccurredAt);
            Add(command, mappings, $"@c{i}", e.CorrelationId);
            Add(command, mappings, $"@k{i}", e.CausationId);
            Add(command, mappings, $"@p{i}", e.Payload);
        }

        command.CommandText = $"""
            INSERT INTO {DbCommands.Table<OutboxEvent>(db)} (id, type, version, aggregate_id, occurred_at, correlation_id, causation_id, payload)
            VALUES {string.Join(", ", rows)}
            """;
        return command;
    }

    private static DbCommand SqliteDeliveries(DbContext db, DbConnection connection, DbTransaction transaction, IRelationalTypeMappingSource mappings, (OutboxEvent Event, string Subscriber)[] deliveries)
    {
        var command = Command(connection, transaction);
        Add(command, mappings, "@none", Guid.Empty);
        var rows = new List<string>(deliveries.Length);
        for (var i = 0; i < deliveries.Length; i++)
        {
            var (e, subscriber) = deliveries[i];
            rows.Add($"(@e{i}, @s{i}, @a{i}, @t{i}, @none, '{DeliveryStatus.Pending}', 0, @n{i}, @n{i})");
            Add(command, mappings, $"@e{i}", e.Id);
            Add(command, mappings, $"@s{i}", subscriber);
            Add(command, mappings, $"@a{i}", e.AggregateId);
            Add(command, mappings, $"@t{i}", e.Type);
            Add(command, mappings, $"@n{i}", e.OccurredAt);
        }

        command.CommandText = $"""
            INSERT INTO {DbCommands.Table<EventDelivery>(db)} (event_id, subscriber, aggregate_id, event_type, replay_id, status, attempts, next_attempt_at, created_at)
            VALUES {string.Join(", ", rows)}
            """;
        return command;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static void Add<T>(DbCommand command, IRelationalTypeMappingSource mappings, string name, T value) =>
        command.Parameters.Add(DbCommands.Parameter(command, mappings, name, value, typeof(T)));

    private static async Task ExecuteAsync(DbCommand command, bool async, CancellationToken ct)
    {
        await using (command)
        {
            if (async) await command.ExecuteNonQueryAsync(ct);
            else command.ExecuteNonQuery();
        }
    }
}
