using System.Net.Http.Json;
using KamHub.Core.Features;
using KamHub.Core.Features.Evaluation;
using KamHub.Core.Security;
using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Flags;

/// <summary>A KamHub host without demo data whose flag definitions refresh every 200 ms; optionally a second instance on another's database.</summary>
public sealed class FlagsFactory : KamHubFactory
{
    public FlagsFactory()
    {
        With("KamHub:Flags:RefreshInterval", "00:00:00.200");
        With("KamHub:Seed:Enabled", "false");
    }

    /// <summary>Points this host at <paramref name="first"/>'s database and data directory (and so its signing key): another instance.</summary>
    public FlagsFactory SharingDatabaseOf(KamHubFactory first)
    {
        With("KamHub:DataDir", first.Database.DataDir);
        if (first.Database.PlatformConnectionString is { } pg) With("ConnectionStrings:Platform", pg);
        return this;
    }

    public IFeatureFlags Flags => Services.GetRequiredService<IFeatureFlags>();

    public HttpClient Admin() => this.ClientAs(Roles.Admin);

    public async Task<HttpResponseMessage> PutAsync(string name, object body) =>
        await Admin().PutAsJsonAsync($"/api/admin/flags/{name}", body);

    /// <summary>Waits (bounded) until this instance's in-memory copy holds <paramref name="name"/> at <paramref name="version"/>.</summary>
    internal async Task SeesVersionAsync(string name, int version)
    {
        var store = Services.GetRequiredService<FlagStore>();
        await EventuallyAsync(async () => (await store.CurrentAsync(CancellationToken.None)).Flags.TryGetValue(name, out var f) && f.Version == version,
            $"{name} at version {version} on this instance");
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms for at most 30 s; fails the test with <paramref name="what"/> after that.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for: {what}");
    }
}
