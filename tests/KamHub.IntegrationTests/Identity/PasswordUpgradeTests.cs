using System.Net;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KamHub.IntegrationTests.Identity;

public sealed class PasswordUpgradeTests : IDisposable
{
    /// <summary>The first byte of an ASP.NET Core Identity hash names its format: 0x00 is V2 (PBKDF2-SHA1, 1,000 iterations), 0x01 is V3.</summary>
    private const byte IdentityV3Marker = 0x01;

    private readonly KamHubFactory _factory = new KamHubFactory().WithProductionPasswordHashing();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Login_WhenStoredHashIsFromIdentityV2_SignsInAndStoresAV3Hash()
    {
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();
        (await client.RegisterAsync(email)).EnsureSuccessStatusCode();
        var v2 = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }))
            .HashPassword(new object(), IdentityApi.Password);
        await SetHashAsync(email, v2);

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);

        var upgraded = await HashAsync(email);
        Assert.NotEqual(v2, upgraded);
        Assert.Equal(IdentityV3Marker, Convert.FromBase64String(upgraded)[0]);
        // The new hash is of the same password.
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Login_WhenStoredHashHasFewerIterations_StoresAHashWithTheCurrentCount()
    {
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();
        (await client.RegisterAsync(email)).EnsureSuccessStatusCode();
        var current = await HashAsync(email);
        var weak = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }))
            .HashPassword(new object(), IdentityApi.Password);
        await SetHashAsync(email, weak);

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);

        // V3 layout: marker, PRF (4 bytes), iteration count (4 bytes, big-endian), ...
        Assert.Equal(Iterations(current), Iterations(await HashAsync(email)));
        Assert.True(Iterations(current) > 10_000);
    }

    [Fact]
    public async Task Login_WhenStoredHashIsCurrent_LeavesItUnchanged()
    {
        var client = _factory.CreateClient();
        var email = IdentityApi.NewEmail();
        (await client.RegisterAsync(email)).EnsureSuccessStatusCode();
        var before = await HashAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);

        Assert.Equal(before, await HashAsync(email));
    }

    private static int Iterations(string hash) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    private Task SetHashAsync(string email, string hash) =>
        IdentityTables.ExecuteAsync(_factory, "users", "UPDATE {table} SET password_hash = {0} WHERE normalized_email = {1}", hash, email.ToUpperInvariant());

    private Task<string> HashAsync(string email) =>
        IdentityTables.ScalarAsync<Program, string>(_factory, "users", "SELECT password_hash AS \"Value\" FROM {table} WHERE normalized_email = {0}", email.ToUpperInvariant());
}
