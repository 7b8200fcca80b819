using Microsoft.EntityFrameworkCore;

namespace KamHub.EventBus.TestHost;

public sealed record ProofStatus(int Orders, int Pending, int Dead, int Effects)
{
    public bool Finished(int expectedOrders) => Orders >= expectedOrders && Pending == 0 && Dead == 0;
}

/// <summary>How far publishing and delivery are, across every instance on the database.</summary>
public sealed class ProofProgress(IServiceScopeFactory scopes)
{
    public async Task<ProofStatus> StatusAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProofDbContext>();
        var deliveries = db.Table("event_deliveries");
        var orders = await db.Orders.CountAsync(ct);
        var pending = await Count(db, $"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM {deliveries} WHERE status = 'pending'", ct);
        var dead = await Count(db, $"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM {deliveries} WHERE status = 'dead'", ct);
        var effects = await db.Effects.CountAsync(ct);
        return new ProofStatus(orders, pending, dead, effects);
    }

    /// <summary>Polls until every expected business row exists and no delivery is left; false when <paramref name="limit"/> passes.</summary>
    public async Task<bool> WaitFinishedAsync(int expectedOrders, TimeSpan limit, TimeSpan poll, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            while (!(await StatusAsync(timeout.Token)).Finished(expectedOrders)) await Task.Delay(poll, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// For the bench, once publishing has returned: polls only "is any delivery left" (an index probe), so the polling
    /// costs the measured database next to nothing; false when <paramref name="limit"/> passes or a delivery is dead.
    /// </summary>
    public async Task<bool> WaitDeliveredAsync(TimeSpan limit, TimeSpan poll, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProofDbContext>();
        var left = $"SELECT CASE WHEN EXISTS (SELECT 1 FROM {db.Table("event_deliveries")} WHERE status IN ('pending', 'dead')) THEN 1 ELSE 0 END AS \"Value\"";
        try
        {
            while ((await db.Database.SqlQueryRaw<int>(left).ToListAsync(timeout.Token)).Single() == 1) await Task.Delay(poll, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<int> Count(ProofDbContext db, string sql, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<int>(sql).ToListAsync(ct)).Single();
}
