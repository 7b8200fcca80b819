namespace KamHub.Payments.Refunds;

/// <summary>
/// Refunds an event handler recorded, handed to <see cref="RefundStarter"/> when the delivery's scope ends. The bus
/// disposes that scope only after its transaction committed (or rolled back: then the refund rows do not exist and
/// the executor finds nothing to do), so the provider is never asked for a refund the database might still lose.
/// </summary>
internal sealed class RefundsAfterCommit(RefundStarter starter) : IDisposable
{
    private readonly List<Guid> _refunds = [];

    public void Start(Guid refundId) => _refunds.Add(refundId);

    public void Dispose()
    {
        foreach (var id in _refunds) starter.Start(id);
        _refunds.Clear();
    }
}
