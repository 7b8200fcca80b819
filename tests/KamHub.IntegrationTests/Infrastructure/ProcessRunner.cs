using System.Diagnostics;

namespace KamHub.IntegrationTests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string Output);

public static class ProcessRunner
{
    /// <summary>Runs a command to completion (bounded by <paramref name="timeout"/>) and captures stdout+stderr.</summary>
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }

        return new ProcessResult(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs the built kamhub CLI against a test database.</summary>
    public static Task<ProcessResult> KamHubAsync(TestDatabase database, params string[] args) =>
        KamHubAsync(database, new Dictionary<string, string>(), args);

    /// <summary>Runs the built kamhub CLI against a test database with extra environment variables.</summary>
    public static Task<ProcessResult> KamHubAsync(TestDatabase database, IDictionary<string, string> extraEnv, params string[] args)
    {
        // The demo schedule is opt-in in tests, as in KamHubFactory.
        var env = new Dictionary<string, string> { ["KamHub__Booking__DemoDepartures"] = "false" };
        foreach (var (key, value) in extraEnv) env[key] = value;
        env["KamHub__DataDir"] = database.DataDir;
        env["KamHub__Logging__Json"] = "false";
        if (database.PlatformConnectionString is { } pg) env["ConnectionStrings__Platform"] = pg;
        return RunAsync("dotnet", [RepositoryPaths.KamHubDll, .. args], env);
    }
}
