using System.Net;

namespace KamHub.Payments.Providers.YooKassa;

/// <summary>The senders YooKassa notifications are accepted from: CIDR ranges, or single addresses.</summary>
internal sealed class IpAllowlist(IEnumerable<string> ranges)
{
    private readonly IReadOnlyList<IPNetwork> networks = ranges
        .Select(r => TryParseRange(r, out var network) ? network : throw new FormatException($"invalid IP range '{r}'"))
        .ToList();

    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        // Kestrel on a dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return networks.Any(n => n.Contains(address));
    }

    public static bool TryParseRange(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (!text.Contains('/', StringComparison.Ordinal))
        {
            if (!IPAddress.TryParse(text, out var single)) return false;
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(text, out network);
    }
}
