using KamHub.IntegrationTests.Infrastructure;
using KamHub.Notifications.Data;
using KamHub.Notifications.Partitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Notifications;

/// <summary>The delivery log's month partitions on PostgreSQL: made ahead, dropped after the retention.</summary>
public sealed class PartitionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2027, 3, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly NotificationsFactory _factory = new(start: Now);

    public PartitionTests() => _factory.With("KamHub:Notifications:RetentionMonths", "6").With("KamHub:Notifications:PartitionsAhead", "2");

    public void Dispose() => _factory.Dispose();

    [PostgresFact]
    public async Task Maintenance_CreatesTheCurrentAndNextMonthsAhead()
    {
        await _factory.EnsureLogMonthsAsync();

        var partitions = await PartitionsAsync();
        Assert.Contains("deliveries_2027_03", partitions);
        Assert.Contains("deliveries_2027_04", partitions);
        Assert.Contains("deliveries_2027_05", partitions);
    }

    [PostgresFact]
    public async Task Maintenance_DropsMonthsOlderThanTheRetentionWithTheirRows()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await db.Database.ExecuteSqlRawAsync("SELECT notifications.ensure_delivery_partitions('2026-08-01'::date, 1)"); // Aug and Sep 2026
        }

        await InsertAsync("2026-08-10T00:00:00Z", "old@example.com");

        Assert.Contains("deliveries_2026_08", await PartitionsAsync());

        await _factory.EnsureLogMonthsAsync(); // retention 6 months from March 2027: September 2026 stays, August goes

        var partitions = await PartitionsAsync();
        Assert.DoesNotContain("deliveries_2026_08", partitions);
        Assert.Contains("deliveries_2026_09", partitions);
        Assert.Empty(await _factory.DeliveriesAsync(q => q.Where(d => d.Recipient == "old@example.com")));
    }

    [PostgresFact]
    public async Task Insert_ForAMonthWithoutPartition_LandsInTheDefaultAndMovesWhenTheMonthIsMade()
    {
        await _factory.EnsureLogMonthsAsync();
        await InsertAsync("2027-09-10T00:00:00Z", "september@example.com"); // beyond the months made ahead

        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 9, 1, 0, 0, 0, TimeSpan.Zero));
        await _factory.EnsureLogMonthsAsync();

        Assert.Contains("deliveries_2027_09", await PartitionsAsync());
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM notifications.deliveries_2027_09").SingleAsync());
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM notifications.deliveries_default").SingleAsync());
        Assert.Single(await _factory.DeliveriesAsync(q => q.Where(d => d.Recipient == "september@example.com")));
    }

    private async Task InsertAsync(string createdAt, string recipient)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO notifications.deliveries (id, created_at, updated_at, channel, category, type, notification_key, recipient, language, time_zone, model, status, attempts, not_before) " +
            "VALUES (gen_random_uuid(), {0}::timestamptz, now(), 'email', 'transactional', 'booking-expired', 'old', {1}, 'ru', 'Asia/Kamchatka', '{{}}', 'sent', 1, now())",
            createdAt, recipient);
    }

    private async Task<List<string>> PartitionsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryLogRetention>().PartitionsAsync(CancellationToken.None);
    }
}
