using KamHub.Payments.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Reconciliation;

/// <summary>
/// Runs <see cref="PaymentReconciler"/> every <see cref="PaymentsOptions.ReconcileInterval"/> on the TimeProvider (tests move
/// the clock), like the module's refund retrier. Every instance may run it: each answer is applied as a deduplicated,
/// conditional transition, so two instances asking about the same payment change it once.
/// </summary>
internal sealed class ReconciliationJob(IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, TimeProvider clock, ILogger<ReconciliationJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IPaymentReconciliation>().ReconcileAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Reconciling pending payments failed; next tick tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
