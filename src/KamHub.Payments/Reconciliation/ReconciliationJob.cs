using KamHub.Core.Hosting;
using KamHub.Payments.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KamHub.Payments.Reconciliation;

/// <summary>
/// Runs <see cref="PaymentReconciler"/> every <see cref="PaymentsOptions.ReconcileInterval"/> on the TimeProvider (tests move
/// the clock), like the module's refund retrier. Every instance may run it: each answer is applied as a deduplicated,
/// conditional transition, so two instances asking about the same payment change it once.
/// </summary>
internal sealed class ReconciliationJob(IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, TimeProvider clock, ILogger<ReconciliationJob> logger)
    : PeriodicWorker(clock, logger)
{
    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override string WorkName => "Reconciling pending payments";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPaymentReconciliation>().ReconcileAsync(ct);
    }
}
