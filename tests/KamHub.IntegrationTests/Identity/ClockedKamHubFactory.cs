using KamHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KamHub.IntegrationTests.Identity;

/// <summary>
/// A KamHub host whose clock the test moves and whose client address a request can set (<see cref="TestClientAddress"/>),
/// optionally sharing another host's database like a second instance.
/// </summary>
internal sealed class ClockedKamHubFactory : KamHubFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Points this host at <paramref name="first"/>'s database and data directory (and so its signing key).</summary>
    public ClockedKamHubFactory SharingDatabaseOf(KamHubFactory first)
    {
        With("KamHub:DataDir", first.Database.DataDir);
        if (first.Database.PlatformConnectionString is { } pg) With("ConnectionStrings:Platform", pg);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<IStartupFilter, TestClientAddress>();
        });
    }
}
