using KamHub.Core.Events;
using KamHub.Core.Hosting;
using KamHub.Engagement.Contracts;
using KamHub.Engagement.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Engagement.Conversations.Live;

/// <summary>
/// Tells this instance's live streams about conversation changes made on other instances (ADR 0024). The event bus
/// delivers message.posted to one instance per subscriber, so instead every instance reads the newest message.posted
/// and message.read of Engagement's outbox (the event history, through <see cref="EventAdmin"/>) every
/// <see cref="EngagementOptions.LiveFeedInterval"/> while it has open streams: two index reads per instance, however many
/// streams. A window of the newest events, not a position cursor: an event whose transaction commits after a later
/// position was read still shows up in the next window (positions are taken at insert, not at commit). More new events
/// than a window holds wakes every stream; a stream also looks for itself at every keep-alive.
/// </summary>
internal sealed class ConversationFeed(IServiceScopeFactory scopes, ConversationSignals signals, IOptions<EngagementOptions> options, TimeProvider clock,
    ILogger<ConversationFeed> logger) : PeriodicWorker(clock, logger)
{
    public const int Window = 100;

    private static readonly string[] Types = [MessagePosted.EventName, MessagesRead.EventName];

    private HashSet<Guid>? _seen;

    protected override TimeSpan Interval => options.Value.LiveFeedInterval;

    protected override string WorkName => "Reading conversation changes for live streams";

    /// <summary>The first read only learns what is already there: streams opened before it read the database themselves.</summary>
    protected override bool RunsAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        if (_seen is not null && signals.IsEmpty) return;
        await using var scope = scopes.CreateAsyncScope();
        var history = scope.ServiceProvider.GetRequiredService<EventAdmin>();
        var seen = new HashSet<Guid>();
        var changed = new HashSet<Guid>();
        var overflow = false;
        foreach (var type in Types)
        {
            var page = await history.ListEventsAsync(new EventQuery(Types: type, Module: EngagementDbContext.Module, Limit: Window), ct);
            var fresh = page.Items.Where(e => _seen is not null && !_seen.Contains(e.Id)).ToList();
            overflow |= page.Items.Count == Window && fresh.Count == Window;
            foreach (var e in page.Items) seen.Add(e.Id);
            foreach (var e in fresh)
                if (Guid.TryParse(e.AggregateId, out var bookingId)) changed.Add(bookingId);
        }

        _seen = seen;
        if (overflow) signals.WakeAll();
        else foreach (var bookingId in changed) signals.Wake(bookingId);
    }
}
