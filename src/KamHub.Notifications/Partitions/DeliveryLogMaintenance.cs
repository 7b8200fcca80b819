using KamHub.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Partitions;

/// <summary>Runs <see cref="DeliveryLogRetention"/> at start and then every MaintenanceInterval.</summary>
internal sealed class DeliveryLogMaintenance(IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, TimeProvider clock,
    ILogger<DeliveryLogMaintenance> logger) : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => options.Value.MaintenanceInterval;

    protected override string WorkName => "Delivery log maintenance";

    protected override bool RunsAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryLogRetention>().RunAsync(ct);
    }
}
