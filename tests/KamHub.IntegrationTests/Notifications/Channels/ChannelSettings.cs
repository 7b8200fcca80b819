namespace KamHub.IntegrationTests.Notifications.Channels;

/// <summary>Settings dictionaries for <see cref="ChannelTestHost"/>: routes and provider sections, merged with <see cref="And"/>.</summary>
internal static class ChannelSettings
{
    public const string Providers = "KamHub:Notifications:Providers:";

    public static Dictionary<string, string?> Route(string channel, params string[] providers)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < providers.Length; i++) settings[$"KamHub:Notifications:Channels:{channel}:Providers:{i}"] = providers[i];
        return settings;
    }

    public static Dictionary<string, string?> Provider(string name, params (string Key, string? Value)[] values) =>
        values.ToDictionary(v => $"{Providers}{name}:{v.Key}", v => v.Value);

    /// <summary>Short attempt timeout and a circuit that opens after two failures, for the failover tests.</summary>
    public static Dictionary<string, string?> FastResilience(string name) => Provider(name,
        ("Resilience:AttemptTimeout:Timeout", "00:00:00.500"),
        ("Resilience:TotalRequestTimeout:Timeout", "00:00:10"),
        ("Resilience:CircuitBreaker:MinimumThroughput", "2"),
        ("Resilience:CircuitBreaker:FailureRatio", "0.5"),
        ("Resilience:CircuitBreaker:SamplingDuration", "00:01:00"),
        ("Resilience:CircuitBreaker:BreakDuration", "00:01:00"));

    public static Dictionary<string, string?> And(this Dictionary<string, string?> settings, Dictionary<string, string?> more)
    {
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }
}
