using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Notifications.Partitions;

/// <summary>Runs <see cref="DeliveryLogRetention"/> at start and then every MaintenanceInterval.</summary>
internal sealed class DeliveryLogMaintenance(IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, TimeProvider clock,
    ILogger<DeliveryLogMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeliveryLogRetention>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Delivery log maintenance failed; it runs again in {Interval}", options.Value.MaintenanceInterval);
            }

            try
            {
                await Task.Delay(options.Value.MaintenanceInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
