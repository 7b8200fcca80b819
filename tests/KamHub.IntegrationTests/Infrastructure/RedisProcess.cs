using System.Diagnostics;
using System.Net.Sockets;

namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>A throwaway redis-server on a free loopback port, for tests that need a shared cache.</summary>
public sealed class RedisProcess : IDisposable
{
    private readonly Process _process;

    public RedisProcess()
    {
        var port = 57900 + Random.Shared.Next(0, 90);
        _process = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (run scripts/ensure-tools.sh)");
        ConnectionString = $"127.0.0.1:{port}";
        for (var i = 0; i < 100 && !Accepts(port); i++) Thread.Sleep(50);
    }

    public string ConnectionString { get; }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
