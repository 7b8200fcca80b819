using KamHub.Core.Hosting;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Payments.Refunds;

/// <summary>
/// Asks the provider again for refunds left requested (the provider was down, or the process died between recording
/// the refund and calling it). Same refund id each time, so a refund the provider did make is not made twice.
/// Ticks on the TimeProvider so tests decide when it runs.
/// </summary>
internal sealed class RefundRetrier(IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, TimeProvider clock, ILogger<RefundRetrier> logger)
    : PeriodicWorker(clock, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => options.Value.RefundRetryInterval;

    protected override string WorkName => "Retrying requested refunds";

    protected override Task RunOnceAsync(CancellationToken ct) => RetryOnceAsync(ct);

    /// <summary>Refunds requested longer than one interval ago (younger ones may still be in their first call).</summary>
    public async Task<int> RetryOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var executor = scope.ServiceProvider.GetRequiredService<RefundExecutor>();
        var before = StoredTime.Now(Clock) - options.Value.RefundRetryInterval;
        var due = await db.Refunds.AsNoTracking().Where(r => r.Status == RefundStatus.Requested && r.UpdatedAt <= before)
            .OrderBy(r => r.UpdatedAt).Take(BatchSize).Select(r => r.Id).ToListAsync(ct);
        foreach (var id in due) await executor.ExecuteAsync(id, ct);
        return due.Count;
    }
}
