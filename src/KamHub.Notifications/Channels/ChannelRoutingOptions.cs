using KamHub.Core.Hosting;

namespace KamHub.Notifications.Channels;

/// <summary>Which providers send each channel, in failover order (section <c>KamHub:Notifications:Channels</c>).</summary>
internal sealed class ChannelRoutingOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Notifications:Channels";

    /// <summary>The dev default: every channel writes files under the data directory, so nothing needs an account.</summary>
    public static readonly IReadOnlyList<string> DefaultProviders = [ChannelProviderCatalog.File];

    public ChannelRoute Email { get; set; } = new();

    public ChannelRoute Sms { get; set; } = new();

    public ChannelRoute Push { get; set; } = new();

    public IReadOnlyList<string> ProvidersFor(NotificationChannel channel)
    {
        var route = channel switch
        {
            NotificationChannel.Email => Email,
            NotificationChannel.Sms => Sms,
            NotificationChannel.Push => Push,
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
        };
        var names = route.Providers.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim().ToLowerInvariant()).ToList();
        return names.Count == 0 ? DefaultProviders : names;
    }

    public bool Uses(NotificationChannel channel, string provider) => ProvidersFor(channel).Contains(provider, StringComparer.Ordinal);

    public IEnumerable<string> Validate()
    {
        foreach (var channel in Enum.GetValues<NotificationChannel>())
        {
            var names = ProvidersFor(channel);
            foreach (var name in names.Where(n => !ChannelProviderCatalog.Exists(channel, n)))
            {
                yield return $"{SectionName}:{channel}:Providers names '{name}', which is not a {channel} provider " +
                             $"(known: {string.Join(", ", ChannelProviderCatalog.NamesFor(channel))}).";
            }

            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
                yield return $"{SectionName}:{channel}:Providers lists a provider twice.";
        }
    }
}

internal sealed class ChannelRoute
{
    /// <summary>Provider names in the order they are tried; empty means ["file"].</summary>
    public List<string> Providers { get; set; } = [];
}
