using System.Net.Http.Json;
using System.Text.Json;
using KamHub.Core.Features;

namespace KamHub.IntegrationTests.Flags;

/// <summary>Percentage rollouts are sticky: the same answer per user on every instance, and nobody leaves when the percentage rises.</summary>
public sealed class FlagStickinessTests : IDisposable
{
    private const string Flag = "booking.new-checkout";
    private readonly FlagsFactory _first = new();
    private readonly FlagsFactory _second;

    public FlagStickinessTests()
    {
        _ = _first.Services; // Migrated before the second instance starts on the same database.
        _second = new FlagsFactory().SharingDatabaseOf(_first);
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }

    [Fact]
    public async Task PercentRollout_For10000Users_IsTheSameOnTwoInstances_NearThePercentage_AndKeepsEveryoneWhenRaised()
    {
        var users = Enumerable.Range(0, 10_000).Select(UserId).ToList();

        Assert.True((await _first.PutAsync(Flag, new { enabled = true, percent = 10 })).IsSuccessStatusCode);
        await _second.SeesVersionAsync(Flag, 1);
        var atTen = await InAsync(_first, users);
        Assert.Equal(atTen, await InAsync(_second, users));
        Assert.InRange(atTen.Count, 800, 1_200);

        // Raised through the other instance this time.
        Assert.True((await _second.PutAsync(Flag, new { percent = 30 })).IsSuccessStatusCode);
        await _first.SeesVersionAsync(Flag, 2);
        var atThirty = await InAsync(_first, users);
        Assert.Equal(atThirty, await InAsync(_second, users));
        Assert.InRange(atThirty.Count, 2_800, 3_200);
        Assert.Empty(atTen.Except(atThirty));

        // And back down: exactly the first 10 % again, not another 10 %.
        Assert.True((await _first.PutAsync(Flag, new { percent = 10 })).IsSuccessStatusCode);
        await _second.SeesVersionAsync(Flag, 3);
        Assert.Equal(atTen, await InAsync(_second, users));
    }

    [Fact]
    public async Task PercentRollout_ForAnonymousVisitors_IsStickyPerVisitorKeyOnBothInstances()
    {
        Assert.True((await _first.PutAsync(Flag, new { percent = 30 })).IsSuccessStatusCode);
        await _second.SeesVersionAsync(Flag, 1);
        var keys = Enumerable.Range(0, 200).Select(i => $"visitor-key-{i:D4}").ToList();

        var answers = new List<bool>();
        foreach (var key in keys)
        {
            var first = await MineAsync(_first, key);
            Assert.Equal(first, await MineAsync(_second, key));
            Assert.Equal(first, await MineAsync(_first, key));
            Assert.Equal(first, await _second.Flags.IsEnabledAsync(Flag, FlagTarget.ForVisitor(key)));
            answers.Add(first);
        }

        // Both answers occur: the key, not something shared by every anonymous caller, decides.
        Assert.Contains(true, answers);
        Assert.Contains(false, answers);
    }

    [Fact]
    public async Task PercentRollout_IsTheDocumentedHashOfUserAndFlag_SoAnUpgradeThatReshufflesFails()
    {
        Assert.True((await _first.PutAsync(Flag, new { percent = 37.5 })).IsSuccessStatusCode);
        foreach (var user in Enumerable.Range(0, 1_000).Select(UserId))
        {
            // ADR 0011: SHA-256 of "<user id>\n<flag>", first four bytes little-endian, scaled to [0, 100).
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{user:D}\n{Flag}"));
            var point = BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue * 100;
            Assert.Equal(point < 37.5, await _first.Flags.IsEnabledAsync(Flag, FlagTarget.ForUser(user)));
        }
    }

    private static async Task<HashSet<Guid>> InAsync(FlagsFactory instance, IEnumerable<Guid> users)
    {
        var result = new HashSet<Guid>();
        foreach (var user in users)
        {
            if (await instance.Flags.IsEnabledAsync(Flag, FlagTarget.ForUser(user))) result.Add(user);
        }

        return result;
    }

    private static async Task<bool> MineAsync(FlagsFactory instance, string visitorKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/flags");
        request.Headers.Add("X-Visitor-Key", visitorKey);
        var response = await instance.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(Flag).GetBoolean();
    }

    /// <summary>Fixed, random-looking user ids: the same population on every run.</summary>
    private static Guid UserId(int i)
    {
        var bytes = new byte[16];
        new Random(i).NextBytes(bytes);
        return new Guid(bytes);
    }
}
