using System.Diagnostics;
using System.Text;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.EventProofs;

/// <summary>
/// One KamHub.EventBus.TestHost server process on a test database: started with the proof settings, killed with
/// SIGKILL or awaited. Its output is kept for the failure message.
/// </summary>
public sealed class TestHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestHostProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The TestHost built beside these tests' configuration (Release in scripts/test.sh).</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "tests", "KamHub.EventBus.TestHost", "bin", configuration, "net10.0", "KamHub.EventBus.TestHost.dll");
        }
    }

    public static TestHostProcess Start(TestDatabase database, IDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("run");
        info.Environment["KamHub__DataDir"] = database.DataDir;
        info.Environment["KamHub__Logging__Json"] = "false";
        if (database.PlatformConnectionString is { } pg) info.Environment["ConnectionStrings__Platform"] = pg;
        foreach (var (key, value) in settings) info.Environment[key] = value;

        var host = new TestHostProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.Exited += (_, _) => host._started.TrySetResult(); // a host that dies on start stops the wait too
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes once the host has migrated and started (its banner), or has exited.</summary>
    public Task Started => _started.Task;

    /// <summary>SIGKILL: no shutdown code runs, exactly as when the machine or the container dies.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>Waits for the process to end by itself; false (after killing it) when <paramref name="limit"/> passes.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // flushes the redirected output
            return true;
        }
        catch (OperationCanceledException)
        {
            KillHard();
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            KillHard();
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        if (line.Contains("KamHub is starting.", StringComparison.Ordinal)) _started.TrySetResult();
        lock (_output)
        {
            // Enough to explain a failure without holding every warning of a long run.
            if (_output.Length < 200_000) _output.AppendLine(line);
        }
    }
}
