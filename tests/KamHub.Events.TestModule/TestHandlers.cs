using System.Text.Json;
using KamHub.Core.Events;
using Microsoft.Extensions.Logging;

namespace KamHub.Events.TestModule;

/// <summary>Records the effect in the subscriber's transaction; fails on command of <see cref="HandlerControl"/>.</summary>
public abstract class RecordingHandler(string subscriber, TestEventsDbContext db, HandlerControl control, IEventPublisher publisher, ILoggerFactory logs) : IEventHandler
{
    private readonly ILogger _logger = logs.CreateLogger("KamHub.Events.TestModule.Handler");

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (control.Stalled.TryGetValue($"{subscriber}/{envelope.AggregateId}", out var gate)) await gate.Task.WaitAsync(ct);
        var attempt = control.Attempts.AddOrUpdate(envelope.Id, 1, (_, n) => n + 1);
        if (control.Poisoned.ContainsKey($"{subscriber}/{envelope.AggregateId}"))
            throw new InvalidOperationException($"poisoned aggregate {envelope.AggregateId}");
        if (control.FlakyOnce.ContainsKey(envelope.AggregateId) && attempt == 1)
            throw new TimeoutException("transient fault on the first attempt");

        using var payload = JsonDocument.Parse(envelope.Payload);
        var sequence = payload.RootElement.TryGetProperty("sequence", out var s) ? s.GetInt32() : 0;
        db.Effects.Add(new Effect
        {
            Subscriber = subscriber,
            EventId = envelope.Id,
            EventType = envelope.Type,
            AggregateId = envelope.AggregateId,
            Sequence = sequence,
            Replay = envelope.IsReplay,
            CorrelationId = envelope.CorrelationId,
            CausationId = envelope.CausationId,
        });
        _logger.LogInformation("{Subscriber} handled {EventType}", subscriber, envelope.Type);
        if (control.Chain && subscriber == "test.all" && envelope.Type != GadgetMade.EventName)
            publisher.Publish(db, envelope.AggregateId, new GadgetMade(Guid.NewGuid()));
    }
}

public sealed class ExactHandler(TestEventsDbContext db, HandlerControl control, IEventPublisher publisher, ILoggerFactory logs) : RecordingHandler("test.exact", db, control, publisher, logs);

public sealed class PrefixHandler(TestEventsDbContext db, HandlerControl control, IEventPublisher publisher, ILoggerFactory logs) : RecordingHandler("test.prefix", db, control, publisher, logs);

public sealed class AllHandler(TestEventsDbContext db, HandlerControl control, IEventPublisher publisher, ILoggerFactory logs) : RecordingHandler("test.all", db, control, publisher, logs);

public sealed class GadgetHandler(TestEventsDbContext db, HandlerControl control, IEventPublisher publisher, ILoggerFactory logs) : RecordingHandler("test.gadgets", db, control, publisher, logs);

/// <summary>A batch subscriber: records every event of the chunk, or throws for the whole chunk when one is poisoned.</summary>
public sealed class BatchHandler(TestEventsDbContext db, HandlerControl control) : IEventBatchHandler
{
    public Task HandleAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken ct)
    {
        control.BatchSizes.Enqueue(envelopes.Count);
        if (envelopes.FirstOrDefault(e => control.Poisoned.ContainsKey($"test.batch/{e.AggregateId}")) is { } poisoned)
            throw new InvalidOperationException($"poisoned aggregate {poisoned.AggregateId}");
        foreach (var envelope in envelopes)
        {
            db.Effects.Add(new Effect
            {
                Subscriber = "test.batch",
                EventId = envelope.Id,
                EventType = envelope.Type,
                AggregateId = envelope.AggregateId,
                Replay = envelope.IsReplay,
                CorrelationId = envelope.CorrelationId,
                CausationId = envelope.CausationId,
            });
        }

        return Task.CompletedTask;
    }
}
