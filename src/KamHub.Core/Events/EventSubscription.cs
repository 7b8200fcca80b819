namespace KamHub.Core.Events;

/// <summary>A named subscriber: which events it wants, which module database records what it handled, and its handler.</summary>
public sealed record EventSubscription(string Name, EventTypePattern Pattern, Type ContextType, Type HandlerType);

/// <summary>Every subscription of this process. Known at publish time, so deliveries are created with the event.</summary>
public sealed class EventSubscriptions
{
    private readonly List<EventSubscription> _all = [];

    public IReadOnlyList<EventSubscription> All => _all;

    public IEnumerable<EventSubscription> Matching(string type) => _all.Where(s => s.Pattern.Matches(type));

    public EventSubscription? Find(string name) => _all.FirstOrDefault(s => s.Name.Equals(name, StringComparison.Ordinal));

    internal void Add(EventSubscription subscription)
    {
        if (Find(subscription.Name) is not null) throw new InvalidOperationException($"Event subscriber '{subscription.Name}' is registered twice.");
        _all.Add(subscription);
    }
}

/// <summary>A module database that keeps an outbox: the dispatcher delivers from each of them.</summary>
public sealed record EventStore(string Module, Type ContextType);

public sealed class EventStores
{
    private readonly List<EventStore> _all = [];

    public IReadOnlyList<EventStore> All => _all;

    public EventStore? Find(string module) => _all.FirstOrDefault(s => s.Module.Equals(module, StringComparison.OrdinalIgnoreCase));

    internal void Add(EventStore store)
    {
        if (_all.Any(s => s.ContextType == store.ContextType)) return;
        _all.Add(store);
    }
}
