using System.Collections.Concurrent;
using System.Reflection;

namespace KamHub.Core.Events;

/// <summary>
/// The event name and payload version a contract record declares as <c>public const string EventName</c> and
/// <c>public const int EventVersion</c>. A convention, not an interface: .Contracts projects reference nothing.
/// </summary>
public sealed record EventTypeInfo(string Name, int Version)
{
    private static readonly ConcurrentDictionary<Type, EventTypeInfo> Cache = new();

    public static EventTypeInfo Of<TEvent>() => Of(typeof(TEvent));

    public static EventTypeInfo Of(Type type) => Cache.GetOrAdd(type, static t =>
    {
        var name = t.GetField("EventName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
            ?? throw new InvalidOperationException($"{t.Name} declares no 'public const string EventName'.");
        var version = t.GetField("EventVersion", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as int? ?? 1;
        if (!EventTypePattern.IsValidEventName(name)) throw new InvalidOperationException($"{t.Name}: '{name}' is not a valid event name (noun.verb, lower case).");
        return new EventTypeInfo(name, version);
    });
}
