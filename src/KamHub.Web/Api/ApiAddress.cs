using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace KamHub.Web.Api;

/// <summary>
/// Where the pages find the API: <c>KamHub:Web:ApiBaseUrl</c> when set (the API in another process), else this very
/// process on loopback, as the sandbox's webhook sender does.
/// </summary>
internal sealed class ApiAddress(IServer server, IConfiguration configuration)
{
    public const string ConfigKey = "KamHub:Web:ApiBaseUrl";

    public Uri Base()
    {
        if (configuration[ConfigKey] is { Length: > 0 } configured) return new Uri(configured.TrimEnd('/') + "/");
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        // Listening on every interface ("http://+:5080", "http://[::]:5080"): call ourselves on loopback.
        var local = listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return new Uri(local.TrimEnd('/') + "/");
    }
}
