using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using static KamHub.IntegrationTests.Notifications.Channels.ChannelSettings;

namespace KamHub.IntegrationTests.Notifications.Channels;

public sealed class ChannelMetricsTests
{
    [Fact]
    public async Task SendAsync_WhenTheSecondarySends_SentAndFailedAreCountedPerProvider()
    {
        await using var sendGrid = await FakeProviderServer.StartAsync((_, r) => FakeProviderServer.Json(r, 500, "{}"));
        var settings = Route("Email", "sendgrid", "file")
            .And(Provider("SendGrid", ("ApiKey", "k"), ("From", "noreply@kamhub.test"), ("ApiBase", sendGrid.BaseAddress.ToString())));
        await using var host = await ChannelTestHost.StartAsync(settings);
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = Listen(host.Services.GetRequiredService<IMeterFactory>(), counts);

        await host.Sender.SendAsync(Messages.Email(), CancellationToken.None);
        await host.Sender.SendAsync(Messages.Email(), CancellationToken.None);

        Assert.Equal(2, counts.GetValueOrDefault("kamhub.notifications.provider.sent email file"));
        Assert.Equal(2, counts.GetValueOrDefault("kamhub.notifications.provider.failed email sendgrid transient"));
        Assert.DoesNotContain(counts.Keys, k => k.StartsWith("kamhub.notifications.provider.sent email sendgrid", StringComparison.Ordinal));
    }

    /// <summary>Only this host's meter: other tests' hosts run in the same process.</summary>
    private static MeterListener Listen(IMeterFactory own, ConcurrentDictionary<string, long> counts)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "KamHub.Notifications" && ReferenceEquals(instrument.Meter.Scope, own)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = string.Join(' ', new[] { instrument.Name }.Concat(tags.ToArray().Select(t => t.Value?.ToString())));
            counts.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        listener.Start();
        return listener;
    }
}
