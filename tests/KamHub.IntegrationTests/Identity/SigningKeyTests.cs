using System.Net;
using System.Security.Cryptography;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Identity;

public sealed class SigningKeyTests : IDisposable
{
    /// <summary>The file the embedded default keeps its generated key in (SigningKeyProvider.FileName).</summary>
    private const string KeyFile = "jwt-signing.key";

    private readonly ClockedKamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Me_WhenNoKeyConfiguredAndTheServerRestartsOnItsDataDirectory_AcceptsTokensIssuedBefore()
    {
        var (access, _) = await (await _factory.CreateClient().LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).TokensAsync();
        Assert.True(File.Exists(Path.Combine(_factory.Database.DataDir, KeyFile)));

        using var restarted = new ClockedKamHubFactory().SharingDatabaseOf(_factory);

        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().WithToken(access).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Me_WhenKeyConfigured_InstancesWithThatKeyAcceptTheTokenAndOthersAnswer401()
    {
        var key = NewKey();
        _factory.With("KamHub:Jwt:SigningKey", key);
        var (access, _) = await (await _factory.CreateClient().LoginAsync(KamHubFactory.AdminEmail, KamHubFactory.AdminPassword)).TokensAsync();
        // A configured key is used as is: nothing is generated into the data directory.
        Assert.False(File.Exists(Path.Combine(_factory.Database.DataDir, KeyFile)));

        using var sameKey = new ClockedKamHubFactory().SharingDatabaseOf(_factory);
        sameKey.With("KamHub:Jwt:SigningKey", key);
        using var otherKey = new ClockedKamHubFactory().SharingDatabaseOf(_factory);
        otherKey.With("KamHub:Jwt:SigningKey", NewKey());

        Assert.Equal(HttpStatusCode.OK, (await sameKey.CreateClient().WithToken(access).GetAsync("/api/me")).StatusCode);
        IdentityApi.AssertProblem(await otherKey.CreateClient().WithToken(access).GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
