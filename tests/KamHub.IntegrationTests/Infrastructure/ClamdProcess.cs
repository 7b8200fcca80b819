using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway clamd (ClamAV's daemon, from scripts/ensure-tools.sh) on a free loopback port, with a config of its own and
/// a database directory holding one body signature: the EICAR test string, anywhere in a file. There is no network for
/// freshclam, and clamd starts with any database it can load, so this one signature is all it knows.
/// </summary>
public sealed class ClamdProcess : IDisposable
{
    /// <summary>The antivirus test string (eicar.org): harmless, and every scanner's sample of a "virus".</summary>
    public static readonly byte[] Eicar = Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    /// <summary>The signature's name as clamd reports it (signatures of its own databases get ".UNOFFICIAL").</summary>
    public const string SignatureName = "KamHub.Test.EICAR.UNOFFICIAL";

    private readonly Process _process;
    private readonly string _directory;

    public ClamdProcess()
    {
        _directory = Directory.CreateTempSubdirectory("kamhub-clamd-").FullName;
        var database = Directory.CreateDirectory(Path.Combine(_directory, "db")).FullName;
        // .ndb: name:target type (0, any file):offset (*, anywhere):hex body.
        File.WriteAllText(Path.Combine(database, "kamhub-test.ndb"), $"KamHub.Test.EICAR:0:*:{Convert.ToHexStringLower(Eicar)}\n");
        Port = LoopbackPorts.Free();
        var config = Path.Combine(_directory, "clamd.conf");
        File.WriteAllLines(config,
        [
            "Foreground yes", $"TCPSocket {Port}", "TCPAddr 127.0.0.1", $"DatabaseDirectory {database}", $"TemporaryDirectory {_directory}",
            $"LogFile {Path.Combine(_directory, "clamd.log")}", $"PidFile {Path.Combine(_directory, "clamd.pid")}", "Bytecode no",
        ]);
        _process = Process.Start(new ProcessStartInfo("clamd", $"--config-file={config}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("clamd did not start (run scripts/ensure-tools.sh)");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Loading one signature takes a moment; the port opens when clamd is ready to scan.
        for (var i = 0; i < 600 && !Accepts(Port) && !_process.HasExited; i++) Thread.Sleep(50);
        if (!Accepts(Port)) throw new InvalidOperationException($"clamd did not open port {Port}: {Log()}");
    }

    public int Port { get; }

    private string Log()
    {
        var log = Path.Combine(_directory, "clamd.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

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
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
