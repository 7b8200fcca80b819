using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;

namespace KamHub.Bench.Wolverine;

/// <summary>
/// Publishes like the TestHost's ProofPublisher: per transaction, the picked aggregates' counters move on in one statement
/// (rows locked in id order), the business rows are inserted, and one event per aggregate is published through Wolverine's
/// EF Core outbox, committed together by <c>SaveChangesAndFlushMessagesAsync</c>.
/// </summary>
internal sealed class ProofPublisher(IServiceScopeFactory scopes, BenchSettings settings)
{
    public static string AggregateId(int index) => "order-" + index.ToString("D5", CultureInfo.InvariantCulture);

    public async Task<int> PublishAsync(int count, CancellationToken ct)
    {
        var next = 0;
        var started = TimeProvider.System.GetTimestamp();
        var perTransaction = Math.Max(1, Math.Min(settings.EventsPerTransaction, settings.Aggregates));
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Publishers)).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, perTransaction) - perTransaction;
                if (first >= count) return;
                if (settings.Rate > 0)
                {
                    var due = TimeSpan.FromSeconds((double)first / settings.Rate) - TimeProvider.System.GetElapsedTime(started);
                    if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                }

                await PublishTransactionAsync(PickAggregates(Math.Min(perTransaction, count - first)), ct);
            }
        }, ct)));
        return count;
    }

    private List<string> PickAggregates(int count)
    {
        var picked = new SortedSet<int>();
        while (picked.Count < count) picked.Add(Random.Shared.Next(settings.Aggregates));
        return picked.Select(AggregateId).ToList();
    }

    private async Task PublishTransactionAsync(List<string> aggregates, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IDbContextOutbox<BenchDb>>();
        var db = outbox.DbContext;
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sequences = await db.Database.SqlQueryRaw<AggregateSequence>("""
            WITH locked AS (SELECT id FROM proof.aggregates WHERE id = ANY({0}) ORDER BY id FOR UPDATE)
            UPDATE proof.aggregates a SET last_sequence = a.last_sequence + 1 FROM locked WHERE a.id = locked.id
            RETURNING a.id AS "Id", a.last_sequence AS "LastSequence"
            """, [aggregates.ToArray()]).ToListAsync(ct);
        var ids = new Guid[sequences.Count];
        var types = new string[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            var (aggregate, sequence) = (sequences[i].Id, sequences[i].LastSequence);
            var now = TimeProvider.System.GetUtcNow().UtcTicks;
            IProofEvent message = sequence % 2 == 1 ? new ProofOrdered(aggregate, sequence, now) : new ProofAmended(aggregate, sequence, now);
            ids[i] = Guid.CreateVersion7();
            types[i] = message is ProofOrdered ? "proof.ordered" : "proof.amended";
            await outbox.PublishAsync(message);
        }

        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO proof.orders (id, aggregate_id, sequence, event_type, instance) SELECT *, 'a' FROM unnest({0}, {1}, {2}, {3})",
            [ids, sequences.Select(s => s.Id).ToArray(), sequences.Select(s => s.LastSequence).ToArray(), types], ct);
        await outbox.SaveChangesAndFlushMessagesAsync(ct);
    }

    internal sealed class AggregateSequence
    {
        public string Id { get; set; } = "";

        public int LastSequence { get; set; }
    }
}
