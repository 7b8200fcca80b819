namespace KamHub.Payments.Ledger;

/// <summary>An operator's balance, one entry per currency it has money in.</summary>
internal sealed record OperatorBalances(Guid OperatorId, IReadOnlyList<OperatorBalance> Currencies);
