using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Hosting;

/// <summary>Turns <see cref="ForwardedHeadersSettings"/> into the framework's options; a malformed entry stops the start.</summary>
internal sealed class ForwardedHeadersSetup(HttpOptions http) : IConfigureOptions<ForwardedHeadersOptions>
{
    private const string Section = HttpOptions.SectionName + ":ForwardedHeaders";

    public void Configure(ForwardedHeadersOptions options)
    {
        // The framework's defaults already trust loopback (127.0.0.0/8 and ::1); configured proxies are added to them.
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in http.ForwardedHeaders.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new OptionsValidationException(Section, typeof(HttpOptions), [$"{Section}:KnownProxies: '{proxy}' is not an IP address."]));
        }

        foreach (var network in http.ForwardedHeaders.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new OptionsValidationException(Section, typeof(HttpOptions), [$"{Section}:KnownNetworks: '{network}' is not a CIDR network."]));
        }
    }
}
