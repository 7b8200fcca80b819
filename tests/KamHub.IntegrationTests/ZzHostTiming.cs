using System.Diagnostics;
using KamHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
namespace KamHub.IntegrationTests;
public sealed class ZzHostTiming(ITestOutputHelper output)
{
    [Fact]
    public async Task Time()
    {
        for (var i = 0; i < 6; i++)
        {
            var sw = Stopwatch.StartNew();
            var f = new KamHubFactory();
            var db = sw.ElapsedMilliseconds;
            var c = f.CreateClient();
            var start = sw.ElapsedMilliseconds;
            var r = await c.GetAsync("/health/ready");
            var first = sw.ElapsedMilliseconds;
            await f.DisposeAsync();
            output.WriteLine($"db {db} start {start - db} first {first - start} dispose {sw.ElapsedMilliseconds - first} {r.StatusCode}");
        }
    }
}
