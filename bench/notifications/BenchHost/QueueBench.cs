using System.Diagnostics;
using KamHub.Notifications.Channels;
using KamHub.Notifications.Data;
using KamHub.Notifications.Queue;
using KamHub.Notifications.Templates;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Notifications.BenchHost;

/// <summary>
/// The two measurements of bench/notifications, both one message at a time as the worker sends:
/// raw = the channel provider's client called in a loop (no database, no templates);
/// queue = messages already queued, drained by the worker's dispatcher rounds (claim, render, send, record) until all are sent.
/// </summary>
internal sealed class QueueBench(IServiceProvider services, string provider)
{
    private NotificationChannel Channel => provider == "twilio" ? NotificationChannel.Sms : NotificationChannel.Email;

    private string ChannelName => Channel == NotificationChannel.Sms ? ChannelNames.Sms : ChannelNames.Email;

    public async Task<BenchFigures> RawAsync(int messages, CancellationToken ct)
    {
        var client = services.GetRequiredKeyedService<IChannelProvider>(ChannelProviderCatalog.Key(Channel, provider));
        var renderer = services.GetRequiredService<TemplateRenderer>();
        var rendered = await renderer.RenderAsync(TemplateType, ChannelName, "ru", SampleModels.For(TemplateType), TimeZoneInfo.Utc);
        await client.SendAsync(Message(-1, rendered), ct); // warm-up: connection, JIT
        return await MeasureAsync(messages, async () =>
        {
            for (var i = 0; i < messages; i++) await client.SendAsync(Message(i, rendered), ct);
            return messages;
        });
    }

    /// <summary>The queue's template step alone (Bench:Mode=render): where the queue's CPU per message goes, in part.</summary>
    public async Task<BenchFigures> RenderAsync(int messages, CancellationToken ct)
    {
        var renderer = services.GetRequiredService<TemplateRenderer>();
        var model = SampleModels.For(TemplateType);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kamchatka");
        await renderer.RenderAsync(TemplateType, ChannelName, "ru", model, zone);
        return await MeasureAsync(messages, async () =>
        {
            for (var i = 0; i < messages; i++)
            {
                ct.ThrowIfCancellationRequested();
                await renderer.RenderAsync(TemplateType, ChannelName, "ru", NotificationModel.FromJson(model.ToJson()), zone);
            }

            return messages;
        });
    }

    public async Task<BenchFigures> QueueAsync(int messages, CancellationToken ct)
    {
        await EnqueueAsync(messages, ct);
        var dispatcher = services.GetRequiredService<DeliveryDispatcher>();
        var figures = await MeasureAsync(messages, async () =>
        {
            // What DeliveryWorker does while batches come full, without its poll wait at the end.
            while (await dispatcher.RunOnceAsync(ct) > 0)
            {
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            return await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent, ct);
        });
        return figures;
    }

    private string TemplateType => Channel == NotificationChannel.Sms ? "booking-confirmed" : "booking-expired";

    private OutgoingMessage Message(int i, RenderedMessage rendered) => new(Guid.CreateVersion7(), Channel, Recipient(i), "Анна", rendered.Subject, rendered.Text,
        rendered.Html);

    private string Recipient(int i) => Channel == NotificationChannel.Sms ? $"+7900{Math.Abs(i):D7}" : $"bench{i}@example.com";

    /// <summary>Queued before the clock starts, 500 per transaction, as triggers would have queued them.</summary>
    private async Task EnqueueAsync(int messages, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        for (var start = 0; start < messages; start += 500)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var queue = scope.ServiceProvider.GetRequiredService<NotificationQueue>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            for (var i = start; i < Math.Min(messages, start + 500); i++)
            {
                await queue.EnqueueAsync(new QueuedNotification(TemplateType, ChannelName, NotificationCategory.Transactional, Recipient(i), null, $"bench:{i}",
                    SampleModels.For(TemplateType), "ru", "Asia/Kamchatka", clock.GetUtcNow().UtcDateTime), ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>Wall time, and this process's CPU time (it includes the fake servers' side, the same in both modes).</summary>
    private static async Task<BenchFigures> MeasureAsync(int messages, Func<Task<int>> run)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var done = await run();
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return new BenchFigures(messages, done, wall.Elapsed.TotalSeconds, cpu.TotalMilliseconds / Math.Max(done, 1));
    }
}

internal sealed record BenchFigures(int Messages, int Sent, double Seconds, double CpuMsPerMessage)
{
    public double PerSecond => Sent / Seconds;
}
