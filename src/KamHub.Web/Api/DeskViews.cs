namespace KamHub.Web.Api;

// What the operator desk shows of the API's answers (JSON web names; unknown fields are ignored on read).

internal sealed record OperatorBalanceView(string Currency, long GrossMinor, long CommissionMinor, long RefundedMinor, long PaidOutMinor, long BalanceMinor,
    long UnpaidMinor);

internal sealed record OperatorBalancesView(Guid OperatorId, IReadOnlyList<OperatorBalanceView> Currencies);

internal sealed record PayoutView(Guid Id, Guid OperatorId, long AmountMinor, string Currency, int Entries, DateTimeOffset PeriodFrom, DateTimeOffset PeriodTo,
    DateTimeOffset CreatedAt);
