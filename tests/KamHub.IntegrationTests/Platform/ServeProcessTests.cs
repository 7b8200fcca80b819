using System.Text.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Platform;

/// <summary>The real <c>kamhub serve</c> process: what the first start prints, JSON logs, <c>--no-seed</c>.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Serve_FirstStartWithoutPasswords_PrintsDataDirAndGeneratedPasswordsOnce()
    {
        string firstOutput;
        await using (var first = await ServerProcess.StartAsync(_database))
        {
            await WaitForAsync(first, "Sign in as admin@kamhub.local");
            firstOutput = first.Output;
        }

        Assert.Contains(_database.DataDir, firstOutput, StringComparison.Ordinal);
        Assert.Contains("admin@kamhub.local with password", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Demo users (operator@, agent@, guide@, tourist@, transfer@demo.kamhub.local) password:", firstOutput, StringComparison.Ordinal);

        await using var second = await ServerProcess.StartAsync(_database);
        await WaitForAsync(second, "Sign in as admin@kamhub.local");
        Assert.DoesNotContain("with password", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo users (", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_GeneratedAdminPassword_SignsIn()
    {
        await using var server = await ServerProcess.StartAsync(_database);
        await WaitForAsync(server, "Sign in as admin@kamhub.local");
        var line = server.Output.Split('\n').First(l => l.Contains("admin@kamhub.local with password", StringComparison.Ordinal));
        var password = line.Split("with password ")[1].Split(' ')[0];

        using var client = server.Client();
        var login = await client.PostAsync("/api/auth/login",
            new StringContent(JsonSerializer.Serialize(new { email = "admin@kamhub.local", password }), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Serve_WithJsonLogs_WritesJsonLinesCarryingTheRequestCorrelationId()
    {
        var env = new Dictionary<string, string> { ["KamHub__Logging__Json"] = "true", ["Logging__LogLevel__Default"] = "Information", ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information" };
        await using var server = await ServerProcess.StartAsync(_database, env, "--no-seed");
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tours?limit=1");
        request.Headers.Add("X-Correlation-ID", "json-log-probe-42");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var line = await WaitForAsync(server, "json-log-probe-42");
        using var json = JsonDocument.Parse(line);
        Assert.True(json.RootElement.TryGetProperty("Timestamp", out _), line);
        Assert.True(json.RootElement.TryGetProperty("LogLevel", out _), line);
    }

    [Fact]
    public async Task Serve_WithNoSeed_StartsWithAnEmptyCatalogAndNoUsers()
    {
        await using var server = await ServerProcess.StartAsync(_database, null, "--no-seed");
        using var client = server.Client();
        var tours = await (await client.GetAsync("/api/tours?limit=5")).Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(tours);
        Assert.Equal(0, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain("Sign in as", server.Output, StringComparison.Ordinal);
    }

    /// <summary>Output arrives asynchronously: wait (bounded) for a line containing <paramref name="text"/>.</summary>
    private static async Task<string> WaitForAsync(ServerProcess server, string text)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var line = server.Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null) return line;
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"'{text}' never appeared in the output:\n{server.Output}");
    }
}
