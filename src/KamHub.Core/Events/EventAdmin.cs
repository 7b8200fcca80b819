using System.Text.Json;
using KamHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.Events;

/// <summary>
/// What operators do with the bus: read the history, see each subscriber's progress, replay, and handle dead letters.
/// Shared by the admin API and the <c>kamhub events</c> commands. Each module's tables are read through that
/// module's own context: Core owns the event tables' shape, the modules own their rows.
/// </summary>
public sealed class EventAdmin(
    IServiceProvider services, EventStores stores, EventSubscriptions subscriptions, ModuleDatabaseRegistry registry, OutboxSignal signal, TimeProvider clock)
{
    public const int MaxLimit = 500;

    public async Task<EventPage> ListEventsAsync(EventQuery query, CancellationToken ct)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var pattern = ParsePattern(query.Types, "types");
        var cursor = EventCursor.Decode(query.Cursor);
        var selected = SelectStores(query.Module);

        var heads = new List<Queue<EventRecord>>();
        foreach (var store in selected)
        {
            var db = Context(store);
            var events = Filter(db.Set<OutboxEvent>().AsNoTracking(), pattern, query);
            if (cursor.TryGetValue(store.Module, out var before)) events = events.Where(e => e.Position < before);
            var rows = await events.OrderByDescending(e => e.Position).Take(limit + 1).ToListAsync(ct);
            heads.Add(new Queue<EventRecord>(rows.Select(e => Record(e, store.Module))));
        }

        // A k-way merge, newest first: each module contributes a prefix of its own order, so its cursor stays exact.
        var page = new List<EventRecord>();
        var next = new Dictionary<string, long>(cursor, StringComparer.Ordinal);
        while (page.Count < limit)
        {
            var source = heads.Where(q => q.Count > 0).MaxBy(q => (q.Peek().OccurredAt, q.Peek().Position));
            if (source is null) break;
            var item = source.Dequeue();
            page.Add(item);
            next[item.Module] = item.Position;
        }

        var more = heads.Any(q => q.Count > 0);
        return new EventPage(page, more ? EventCursor.Encode(next) : null);
    }

    public async Task<IReadOnlyList<SubscriptionStatus>> SubscriptionsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var result = new List<SubscriptionStatus>();
        foreach (var subscription in subscriptions.All)
        {
            var positions = new Dictionary<string, long>(StringComparer.Ordinal);
            long lag = 0;
            DateTime? oldest = null;
            var parked = new List<string>();
            var parkedCount = 0;
            var dead = 0;
            foreach (var store in stores.All)
            {
                var db = Context(store);
                var mine = db.Set<EventDelivery>().AsNoTracking().Where(d => d.Subscriber == subscription.Name);
                var open = mine.Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Dead);
                lag += await open.LongCountAsync(ct);
                var first = await open.OrderBy(d => d.Id).Select(d => (DateTime?)d.CreatedAt).FirstOrDefaultAsync(ct);
                if (first is not null && (oldest is null || first < oldest)) oldest = first;
                dead += await mine.CountAsync(d => d.Status == DeliveryStatus.Dead, ct);
                var parkedHere = mine.Where(d => d.Status == DeliveryStatus.Dead).Select(d => d.AggregateId).Distinct();
                parkedCount += await parkedHere.CountAsync(ct);
                parked.AddRange((await parkedHere.OrderBy(a => a).Take(100).ToListAsync(ct)).Select(a => $"{store.Module}/{a}"));

                var events = db.Set<OutboxEvent>().AsNoTracking();
                var firstOpen = await open.Join(events, d => d.EventId, e => e.Id, (d, e) => (long?)e.Position).MinAsync(ct);
                var lastAny = await mine.Join(events, d => d.EventId, e => e.Id, (d, e) => (long?)e.Position).MaxAsync(ct);
                positions[store.Module] = firstOpen is { } f ? f - 1 : lastAny ?? 0;
            }

            var age = oldest is { } o ? Math.Max(0, (now - DateTime.SpecifyKind(o, DateTimeKind.Utc)).TotalSeconds) : 0;
            result.Add(new SubscriptionStatus(subscription.Name, subscription.Pattern.Text, ModuleOf(subscription.ContextType), positions,
                lag, age, parkedCount, parked.Take(100).ToList(), dead));
        }

        return result;
    }

    /// <summary>New deliveries (under a fresh replay id, so the inbox lets them through) for one subscriber only.</summary>
    public async Task<ReplayResult> ReplayAsync(string subscriber, ReplayRequest request, CancellationToken ct)
    {
        var subscription = subscriptions.Find(subscriber) ?? throw new KeyNotFoundException($"No subscriber named '{subscriber}'.");
        var pattern = ParsePattern(request.Types, "types");
        var byPosition = request.FromPosition is not null || request.ToPosition is not null;
        if (byPosition && (request.From is not null || request.To is not null))
            throw new EventAdminException("from", "Give a time range or a position range, not both.");
        if (!byPosition && request.From is null && request.To is null)
            throw new EventAdminException("from", "Give a range: from/to (time) or fromPosition/toPosition.");
        if (request.From is { } f && request.To is { } t && t <= f) throw new EventAdminException("to", "must be after from.");
        var selected = SelectStores(request.Module);
        if (byPosition && selected.Count > 1)
            throw new EventAdminException("module", "Positions are per module: name the module whose outbox the positions refer to.");

        var replayId = Guid.CreateVersion7();
        var now = clock.GetUtcNow().UtcDateTime;
        var total = 0;
        foreach (var store in selected)
        {
            var db = Context(store);
            var events = db.Set<OutboxEvent>().AsNoTracking();
            if (request.From is { } from) events = events.Where(e => e.OccurredAt >= from.UtcDateTime);
            if (request.To is { } to) events = events.Where(e => e.OccurredAt < to.UtcDateTime);
            if (request.FromPosition is { } fp) events = events.Where(e => e.Position >= fp);
            if (request.ToPosition is { } tp) events = events.Where(e => e.Position <= tp);
            events = ByPattern(ByPattern(events, subscription.Pattern), pattern);
            var rows = await events.OrderBy(e => e.Position).Select(e => new { e.Id, e.AggregateId, e.Type }).ToListAsync(ct);
            db.AddRange(rows.Select(e => new EventDelivery
            {
                EventId = e.Id,
                Subscriber = subscription.Name,
                AggregateId = e.AggregateId,
                EventType = e.Type,
                ReplayId = replayId,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync(ct);
            total += rows.Count;
        }

        signal.Notify(); // a server in this process starts at once; others (and the CLI's) on their next poll
        return new ReplayResult(replayId, subscription.Name, total);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? subscriber, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var result = new List<DeadLetter>();
        foreach (var store in stores.All)
        {
            var db = Context(store);
            var dead = db.Set<EventDelivery>().AsNoTracking().Where(d => d.Status == DeliveryStatus.Dead);
            if (subscriber is not null) dead = dead.Where(d => d.Subscriber == subscriber);
            var rows = await dead.OrderBy(d => d.Id).Take(limit)
                .Join(db.Set<OutboxEvent>().AsNoTracking(), d => d.EventId, e => e.Id, (d, e) => new { d, e.OccurredAt, e.CorrelationId })
                .ToListAsync(ct);
            result.AddRange(rows.OrderBy(r => r.d.Id).Select(r => new DeadLetter(
                $"{store.Module}-{r.d.Id}", store.Module, r.d.Subscriber, r.d.EventId, r.d.EventType, r.d.AggregateId, r.d.Attempts, r.d.LastError,
                r.d.CompletedAt is { } c ? Utc(c) : null, Utc(r.OccurredAt), r.CorrelationId)));
        }

        return result.OrderBy(d => d.DeadSince).Take(limit).ToList();
    }

    /// <summary>Back to pending with a fresh set of attempts; its aggregate's stream resumes with it. False when no such dead letter.</summary>
    public async Task<bool> RetryAsync(string deadLetterId, CancellationToken ct)
    {
        if (!TryParseId(deadLetterId, out var store, out var id)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var retried = await Context(store).Set<EventDelivery>().Where(d => d.Id == id && d.Status == DeliveryStatus.Dead).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Pending)
            .SetProperty(d => d.Attempts, 0)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.CompletedAt, (DateTime?)null), ct) > 0;
        if (retried) signal.Notify();
        return retried;
    }

    /// <summary>Gives up on a dead letter: kept as history, no longer blocks its aggregate. False when no such dead letter.</summary>
    public async Task<bool> DiscardAsync(string deadLetterId, CancellationToken ct)
    {
        if (!TryParseId(deadLetterId, out var store, out var id)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var discarded = await Context(store).Set<EventDelivery>().Where(d => d.Id == id && d.Status == DeliveryStatus.Dead).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Discarded)
            .SetProperty(d => d.CompletedAt, now), ct) > 0;
        if (discarded) signal.Notify(); // the aggregate's next deliveries may go now
        return discarded;
    }

    private static IQueryable<OutboxEvent> Filter(IQueryable<OutboxEvent> events, EventTypePattern? pattern, EventQuery query)
    {
        events = ByPattern(events, pattern);
        if (!string.IsNullOrWhiteSpace(query.AggregateId)) events = events.Where(e => e.AggregateId == query.AggregateId);
        if (!string.IsNullOrWhiteSpace(query.CorrelationId)) events = events.Where(e => e.CorrelationId == query.CorrelationId);
        if (query.From is { } from) events = events.Where(e => e.OccurredAt >= from.UtcDateTime);
        if (query.To is { } to) events = events.Where(e => e.OccurredAt < to.UtcDateTime);
        return events;
    }

    private static IQueryable<OutboxEvent> ByPattern(IQueryable<OutboxEvent> events, EventTypePattern? pattern)
    {
        if (pattern is null || pattern.IsAll) return events;
        if (pattern.Prefix is { } prefix) return events.Where(e => e.Type.StartsWith(prefix));
        var exact = pattern.Text;
        return events.Where(e => e.Type == exact);
    }

    private static EventTypePattern? ParsePattern(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return EventTypePattern.TryParse(text, out var pattern)
            ? pattern
            : throw new EventAdminException(field, "must be an event name (tour.published), a prefix (tour.*) or *.");
    }

    private List<EventStore> SelectStores(string? module)
    {
        if (string.IsNullOrWhiteSpace(module)) return [.. stores.All];
        return [stores.Find(module) ?? throw new EventAdminException("module", $"No module '{module}' keeps events. Known: {string.Join(", ", stores.All.Select(s => s.Module))}.")];
    }

    private bool TryParseId(string text, out EventStore store, out long id)
    {
        store = null!;
        id = 0;
        var dash = text.LastIndexOf('-');
        if (dash <= 0 || !long.TryParse(text.AsSpan(dash + 1), out id)) return false;
        store = stores.Find(text[..dash])!;
        return store is not null;
    }

    private ModuleDbContext Context(EventStore store) => (ModuleDbContext)services.GetRequiredService(store.ContextType);

    private string ModuleOf(Type contextType) => registry.Modules.FirstOrDefault(m => m.ContextType == contextType)?.Schema ?? contextType.Name;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static EventRecord Record(OutboxEvent e, string module)
    {
        using var payload = JsonDocument.Parse(e.Payload);
        return new EventRecord(e.Id, module, e.Position, e.Type, e.Version, e.AggregateId, Utc(e.OccurredAt), e.CorrelationId, e.CausationId, payload.RootElement.Clone());
    }
}
