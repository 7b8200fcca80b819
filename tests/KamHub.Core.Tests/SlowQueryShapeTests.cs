using KamHub.Core.Data;

namespace KamHub.Core.Tests;

public sealed class SlowQueryShapeTests
{
    [Fact]
    public void Shape_RemovesLiteralValues_KeepsParametersAndStructure()
    {
        var shape = DbCommandMetricsInterceptor.Shape("SELECT * FROM t WHERE name = 'secret''s' AND age > 42 AND id = @p0\n  LIMIT 10");
        Assert.Equal("SELECT * FROM t WHERE name = ? AND age > ? AND id = @p0 LIMIT ?", shape);
        Assert.DoesNotContain("secret", shape, StringComparison.Ordinal);
    }
}
