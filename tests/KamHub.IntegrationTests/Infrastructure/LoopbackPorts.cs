using System.Net;
using System.Net.Sockets;

namespace KamHub.IntegrationTests.Infrastructure;

internal static class LoopbackPorts
{
    /// <summary>A port the OS has just handed out on 127.0.0.1, so it is free now (not a guess that may hit a running server).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
