using KamHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamHub.IntegrationTests.Platform;

/// <summary>The shipped logging levels: the console says what KamHub does, not every cache lookup.</summary>
public sealed class ConsoleLogTests : IDisposable
{
    private readonly KamHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("ZiggyCreatures.Caching.Fusion.FusionCache")]
    [InlineData("System.Net.Http.HttpClient.stripe.LogicalHandler")]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command")]
    [InlineData("Microsoft.AspNetCore.Routing.EndpointMiddleware")]
    public void Chatter_IsOffBelowWarning(string category)
    {
        var logger = _factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information), $"{category} logs at Information");
        Assert.True(logger.IsEnabled(LogLevel.Warning), $"{category} hides warnings");
    }

    [Fact]
    public void KamHubsOwnInformation_IsShown()
    {
        var logger = _factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KamHub.Core.Migrations.ModuleMigrator");

        Assert.True(logger.IsEnabled(LogLevel.Information));
    }
}
