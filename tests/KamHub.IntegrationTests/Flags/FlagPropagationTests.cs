using System.Net.Http.Json;
using System.Text.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Flags;

/// <summary>A change made on one instance (or by the CLI) reaches the others without a restart.</summary>
public sealed class FlagPropagationTests : IDisposable
{
    private const string Flag = "discovery.map-view";
    private readonly FlagsFactory _first = new();
    private readonly FlagsFactory _second;

    public FlagPropagationTests()
    {
        _ = _first.Services;
        _second = new FlagsFactory().SharingDatabaseOf(_first);
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }

    [Fact]
    public async Task ChangeOnOneInstance_IsSeenByTheOther_OnAndThenOff()
    {
        var visitor = _second.CreateClient();
        Assert.False((await MineAsync(visitor)).TryGetProperty(Flag, out _));

        Assert.Equal(System.Net.HttpStatusCode.Created, (await _first.PutAsync(Flag, new { enabled = true })).StatusCode);
        await FlagsFactory.EventuallyAsync(async () => (await MineAsync(visitor)).TryGetProperty(Flag, out var on) && on.GetBoolean(), "the flag on, on the second instance");

        Assert.True((await _first.PutAsync(Flag, new { enabled = false })).IsSuccessStatusCode);
        await FlagsFactory.EventuallyAsync(async () => !(await MineAsync(visitor)).GetProperty(Flag).GetBoolean(), "the flag off, on the second instance");
    }

    [Fact]
    public async Task ChangeOnOneInstance_IsSeenAtOnceByThatInstance()
    {
        Assert.True((await _first.PutAsync(Flag, new { enabled = true })).IsSuccessStatusCode);
        // No waiting: the instance that made the change reloads before it answers.
        Assert.True((await MineAsync(_first.CreateClient())).GetProperty(Flag).GetBoolean());
    }

    [Fact]
    public async Task ChangeByTheCli_IsSeenByARunningServer()
    {
        var visitor = _first.CreateClient();
        var set = await ProcessRunner.KamHubAsync(_first.Database, "flags", "set", Flag, "--on");
        Assert.True(set.ExitCode == 0, set.Output);
        await FlagsFactory.EventuallyAsync(async () => (await MineAsync(visitor)).TryGetProperty(Flag, out var on) && on.GetBoolean(), "the CLI's flag on the server");
    }

    private static async Task<JsonElement> MineAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/me/flags");
}
