using System.Net;
using System.Net.Sockets;

namespace KamHub.Core.Hosting;

/// <summary>Which client a failed sign-in or a rate limit counts against.</summary>
public static class ClientAddress
{
    /// <summary>
    /// An IPv6 client usually holds a whole /64 and can pick any address in it, so the /64 is the client. An
    /// IPv4-mapped IPv6 address counts as the IPv4 address it carries.
    /// </summary>
    public static string ThrottleKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
