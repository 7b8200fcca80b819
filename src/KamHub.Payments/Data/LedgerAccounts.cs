namespace KamHub.Payments.Data;

/// <summary>
/// Where ledger money sits. Commission, platform-funded discounts and payouts move money between accounts (two entries
/// that sum to zero); only captures and refunds change the total, so for every booking the ledger total is captured − refunded.
/// </summary>
internal static class LedgerAccounts
{
    /// <summary>What KamHub owes the operator: its balance.</summary>
    public const string Operator = "operator";

    /// <summary>KamHub's commission, less the loyalty discounts it funds (negative discount entries).</summary>
    public const string Platform = "platform";

    /// <summary>Money already sent to operators and agents.</summary>
    public const string PaidOut = "paid-out";

    /// <summary>What KamHub owes an agent (entries carry the agent): its commission, moved from the operator's account (ADR 0023).</summary>
    public const string Agent = "agent";
}

internal static class LedgerKinds
{
    public const string Capture = "capture";
    public const string Commission = "commission";

    /// <summary>The operator pays the agent who sold the booking its commission (ADR 0023).</summary>
    public const string AgentCommission = "agent-commission";
    public const string Refund = "refund";

    /// <summary>The platform pays the operator the part of the price a customer paid with loyalty points (ADR 0019).</summary>
    public const string Discount = "discount";
    public const string Payout = "payout";
}
