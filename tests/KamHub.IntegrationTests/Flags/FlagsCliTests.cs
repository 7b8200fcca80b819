using System.Text.Json;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Flags;

/// <summary>The real `kamhub flags` executable against the database a running server uses.</summary>
public sealed class FlagsCliTests : IDisposable
{
    private readonly FlagsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task FlagsCommands_SetListHistoryDelete_WorkAgainstTheDatabase()
    {
        _ = _factory.Services; // Migrated.

        var set = await Cli("flags", "set", "booking.cli-made", "--percent", "10", "--role", "guide", "--description", "from the CLI");
        Assert.True(set.ExitCode == 0, set.Output);
        Assert.Contains("Created booking.cli-made: on, 10 %", set.Output, StringComparison.Ordinal);

        var raise = await Cli("flags", "set", "booking.cli-made", "--percent", "30");
        Assert.True(raise.ExitCode == 0, raise.Output);
        var off = await Cli("flags", "set", "booking.cli-made", "--off");
        Assert.True(off.ExitCode == 0, off.Output);

        var list = await Cli("flags", "list", "--json");
        Assert.True(list.ExitCode == 0, list.Output);
        var flag = FirstJsonValue(list.Output).EnumerateArray().Single();
        Assert.Equal("booking.cli-made", flag.GetProperty("name").GetString());
        Assert.False(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal(30, flag.GetProperty("percent").GetDouble()); // Switching off keeps the rollout for later.
        Assert.Equal(["Guide"], flag.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The server's API reads the same row.
        var viaApi = await _factory.Admin().GetAsync("/api/admin/flags/booking.cli-made");
        Assert.Equal(30, (await viaApi.JsonAsync()).GetProperty("percent").GetDouble());

        var table = await Cli("flags", "list");
        Assert.Contains("booking.cli-made", table.Output, StringComparison.Ordinal);
        Assert.Contains("1 flag(s).", table.Output, StringComparison.Ordinal);

        var history = await Cli("flags", "history", "booking.cli-made");
        Assert.True(history.ExitCode == 0, history.Output);
        Assert.Contains("3 change(s).", history.Output, StringComparison.Ordinal);
        Assert.Contains("by cli:", history.Output, StringComparison.Ordinal);
        Assert.Contains("on 10 % (roles Guide) -> on 30 % (roles Guide)", history.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await Cli("flags", "delete", "booking.cli-made")).ExitCode);
        Assert.Equal(1, (await Cli("flags", "delete", "booking.cli-made")).ExitCode);
    }

    [Fact]
    public async Task FlagsSet_WithBadInput_ExitsTwoNamingTheField_AndWritesNothing()
    {
        _ = _factory.Services;

        var percent = await Cli("flags", "set", "booking.x", "--percent", "101");
        Assert.Equal(2, percent.ExitCode);
        Assert.Contains("percent: must be between 0 and 100.", percent.Output, StringComparison.Ordinal);

        var name = await Cli("flags", "set", "NotAName", "--on");
        Assert.Equal(2, name.ExitCode);
        Assert.Contains("name:", name.Output, StringComparison.Ordinal);

        var both = await Cli("flags", "set", "booking.x", "--on", "--off");
        Assert.Equal(2, both.ExitCode);

        Assert.Contains("0 flag(s).", (await Cli("flags", "list")).Output, StringComparison.Ordinal);
    }

    /// <summary>The JSON printed on stdout; the runner appends stderr (logs) after it.</summary>
    private static JsonElement FirstJsonValue(string output)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(output));
        return JsonElement.ParseValue(ref reader);
    }

    private Task<ProcessResult> Cli(params string[] args) => ProcessRunner.KamHubAsync(_factory.Database, args);
}
