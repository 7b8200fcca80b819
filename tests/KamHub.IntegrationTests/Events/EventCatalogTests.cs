using KamHub.Events.TestModule;
using System.Reflection;
using System.Text.Json;
using KamHub.Core.Events;

namespace KamHub.IntegrationTests.Events;

/// <summary>The catalog of integration events: every contract record names a valid, unique event and survives JSON.</summary>
public sealed class EventCatalogTests
{
    private static readonly string[] ContractAssemblies =
        ["KamHub.Identity.Contracts", "KamHub.Discovery.Contracts", "KamHub.Booking.Contracts", "KamHub.Payments.Contracts"];

    private static List<Type> EventRecords() => ContractAssemblies
        .SelectMany(name => Assembly.Load(new AssemblyName(name)).GetExportedTypes())
        .Where(t => t.GetField("EventName", BindingFlags.Public | BindingFlags.Static) is not null)
        .ToList();

    [Fact]
    public void Catalog_HasEveryEventTheNextIssuesNeed()
    {
        var names = EventRecords().Select(t => EventTypeInfo.Of(t).Name).ToList();
        string[] expected =
        [
            "tour.created", "tour.updated", "tour.published", "tour.archived", "user.registered",
            "departure.scheduled", "availability.changed", "booking.created", "booking.confirmed", "booking.cancelled",
            "booking.expired", "payment.succeeded", "payment.failed", "payment.refunded", "payout.completed",
        ];
        Assert.All(expected, name => Assert.Contains(name, names));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void EveryContract_HasAVersionAndOccurredAt_AndRoundTripsThroughJson()
    {
        foreach (var type in EventRecords())
        {
            Assert.True(EventTypeInfo.Of(type).Version >= 1, type.Name);
            Assert.NotNull(type.GetProperty("OccurredAt"));
            var constructor = type.GetConstructors().Single();
            var args = constructor.GetParameters().Select(p => Sample(p.ParameterType)).ToArray();
            var original = constructor.Invoke(args);
            var json = JsonSerializer.Serialize(original, type, EventEnvelope.JsonOptions);
            Assert.Equal(original, JsonSerializer.Deserialize(json, type, EventEnvelope.JsonOptions));
        }
    }

    private static object? Sample(Type type) =>
        type == typeof(Guid) ? Guid.NewGuid()
        : type == typeof(string) ? "x"
        : type == typeof(int) ? 2
        : type == typeof(long) ? 1500L
        : type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)
        : null;
}
