using System.Diagnostics;
using KamHub.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KamHub.IntegrationTests.Events;

public sealed class ScratchThroughput(ITestOutputHelper output) : IDisposable
{
    private readonly EventsFactory _factory = (EventsFactory)new EventsFactory().With("Logging:LogLevel:Default", "Warning");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Scratch()
    {
        _ = _factory.Services;
        var watch = Stopwatch.StartNew(); var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        const int total = 10000;
        await Task.WhenAll(Enumerable.Range(0, 10).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < total / 10 / 10; i++)
            {
                await using var scope = _factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TestEventsDbContext>();
                var pub = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
                for (var j = 0; j < 10; j++) pub.Publish(db, $"a-{t}-{i}-{j}", new GadgetMade(Guid.NewGuid()));
                await db.SaveChangesAsync();
            }
        })));
        var published = watch.Elapsed; var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        await EventsFactory.EventuallyAsync(async () =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(scope.ServiceProvider.GetRequiredService<TestEventsDbContext>().Effects) >= total * 2;
        }, "all");
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime; output.WriteLine($"cpu publish {(cpu1-cpu0).TotalMilliseconds/total:F3} ms/event, cpu total {(cpu2-cpu0).TotalMilliseconds/(total*2):F3} ms/delivery"); output.WriteLine($"published {total} in {published.TotalSeconds:F2}s; delivered x2 in {watch.Elapsed.TotalSeconds:F2}s => {total * 2 / watch.Elapsed.TotalSeconds:F0} deliveries/s");
    }
}
