using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamHub.Payments.Refunds;

/// <summary>
/// Asks the provider for refunds that were just recorded as requested by a committed transaction (a cancellation's
/// event delivery), outside that transaction. Best effort and in memory: a refund this process never gets to (it
/// stopped first) is still requested in the database, and <see cref="RefundRetrier"/> asks for it.
/// </summary>
internal sealed class RefundStarter(IServiceScopeFactory scopes, ILogger<RefundStarter> logger) : BackgroundService
{
    private const int Parallelism = 4;

    private readonly Channel<Guid> _requested = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });

    public void Start(Guid refundId) => _requested.Writer.TryWrite(refundId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(_requested.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken }, ExecuteOneAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask ExecuteOneAsync(Guid refundId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RefundExecutor>().ExecuteAsync(refundId, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Never let one refund stop the loop (or the host): it is on record as requested and the retrier asks again.
            logger.LogWarning(ex, "Starting refund {RefundId} failed; the retrier asks again", refundId);
        }
    }
}
