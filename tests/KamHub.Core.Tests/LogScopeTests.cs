using KamHub.Core.Monitoring;

namespace KamHub.Core.Tests;

public sealed class LogScopeTests
{
    [Fact]
    public void ToString_PrintsKeyEqualsValuePairs_NotTheTypeName()
    {
        var scope = new LogScope { ["CorrelationId"] = "abc123", ["Subscriber"] = "discovery.tours" };

        Assert.Equal("CorrelationId=abc123 Subscriber=discovery.tours", scope.ToString());
    }
}
