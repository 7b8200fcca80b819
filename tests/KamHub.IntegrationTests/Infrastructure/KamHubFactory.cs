using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Infrastructure;

/// <summary>
/// A real KamHub host on a fresh database, reached through HTTP. Demo data is seeded with known passwords
/// (<see cref="AdminPassword"/>, <see cref="DemoPassword"/>) so tests can sign in as every role. The database starts
/// migrated from <see cref="MigratedTemplate"/>; the host's own startup still runs (and finds nothing pending).
/// </summary>
public class KamHubFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@kamhub.local";
    public const string AdminPassword = "Admin-Test-Password-1";
    public const string DemoPassword = "Demo-Test-Password-1";

    private readonly Dictionary<string, string?> _settings = new();

    /// <summary>Iterations of PBKDF2 in tests: hashing strength is not what they test, and at the production
    /// 100,000 the six seeded users and every sign-in cost a large share of a host's CPU.
    /// <see cref="WithProductionPasswordHashing"/> restores the production count.</summary>
    private const int TestPasswordIterations = 1_000;

    private bool _productionPasswordHashing;

    public KamHubFactory() => Database = TestDatabase.CreateMigrated();

    public TestDatabase Database { get; }

    /// <summary>Hash passwords with the production iteration count (tests of the hash format and its upgrade).</summary>
    public KamHubFactory WithProductionPasswordHashing()
    {
        _productionPasswordHashing = true;
        return this;
    }

    /// <summary>Extra configuration for this host (set before the first request).</summary>
    public KamHubFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("KamHub:DataDir", Database.DataDir);
        builder.UseSetting("KamHub:Admin:Password", AdminPassword);
        builder.UseSetting("KamHub:Seed:DemoPassword", DemoPassword);
        if (Database.PlatformConnectionString is { } pg) builder.UseSetting("ConnectionStrings:Platform", pg);
        // Every test client shares one address: request-volume limits are off unless a test turns them on (RateLimitTests).
        builder.UseSetting("KamHub:RateLimits:Enabled", "false");
        // Tests count departures, bookings and messages of their own: the demo schedule is opt-in here (DemoDataTests, web tests).
        builder.UseSetting("KamHub:Booking:DemoDepartures", "false");
        // Tests publish tours as operators of their own making: onboarding approval is opt-in here (Partners/OperatorOnboardingTests).
        builder.UseSetting("KamHub:Partners:RequireOperatorApproval", "false");
        // Tests grant the demo agent themselves: the demo agency (and its grant) is opt-in here (DemoDataTests).
        builder.UseSetting("KamHub:Partners:DemoAgency", "false");
        // Most hosts never search: the search index loads at a host's first search, not at every start (SearchIndexTests load at start).
        builder.UseSetting("KamHub:SearchIndex:LoadAtStart", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (!_productionPasswordHashing)
            builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Database.Dispose();
    }
}
