using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.EventBus.TestHost;

/// <summary>
/// Records one effect row in the bus's handler transaction, with the sequence it last saw for the aggregate: if
/// deliveries of one aggregate overtook each other, <see cref="ProofEffect.PreviousSequence"/> would not be
/// <c>Sequence - 1</c>.
/// </summary>
public abstract class ProofHandler(string subscriber, ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock) : IEventHandler
{
    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var payload = envelope.PayloadAs<ProofPayload>();
        var previous = await db.Effects.Where(e => e.Subscriber == subscriber && e.AggregateId == envelope.AggregateId)
            .MaxAsync(e => (int?)e.Sequence, ct) ?? 0;
        db.Effects.Add(new ProofEffect
        {
            Subscriber = subscriber,
            EventId = envelope.Id,
            AggregateId = envelope.AggregateId,
            Sequence = payload.Sequence,
            PreviousSequence = previous,
            Instance = options.Value.Instance,
            PublishedAtTicks = payload.PublishedAtTicks,
            HandledAtTicks = clock.GetUtcNow().UtcTicks,
        });
    }
}

public sealed class ExactProofHandler(ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock)
    : ProofHandler("proof.exact", db, options, clock);

public sealed class PrefixProofHandler(ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock)
    : ProofHandler("proof.prefix", db, options, clock);

public sealed class AllProofHandler(ProofDbContext db, IOptions<ProofOptions> options, TimeProvider clock)
    : ProofHandler("proof.all", db, options, clock);
