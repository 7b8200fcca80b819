namespace KamHub.Web.Api;

// What the agents' pages show of the API's answers (Partners' grants, Booking's sales, Payments' balance; JSON web names).

/// <param name="TourIds">Null: all the operator's tours.</param>
/// <param name="AgentUserId">Null on a grant to an agency (<paramref name="AgencyId"/>).</param>
internal sealed record AgentGrantView(Guid Id, Guid? AgentUserId, string? AgentEmail, string? AgentName, decimal CommissionPercent, IReadOnlyList<Guid>? TourIds,
    DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, DateTimeOffset? RevokedAt, bool Active, Guid? AgencyId = null, string? AgencyName = null);

internal sealed record AgentSaleView(Guid Id, string Reference, string Status, Guid TourId, Guid DepartureId, int Seats, long PriceMinor, long PaidMinor,
    string Currency, decimal CommissionPercent, long CommissionMinor, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, Guid? AgencyId = null);

internal sealed record AgentMonthView(string Month, string Currency, int Bookings, long SalesMinor, long CommissionMinor);

internal sealed record AgentSalesView(IReadOnlyList<AgentSaleView> Items, string? NextCursor, IReadOnlyList<AgentMonthView> Months);

internal sealed record AgentBalanceView(string Currency, long CommissionMinor, long PaidOutMinor, long BalanceMinor, long UnpaidMinor);

/// <param name="Agency">The agent's agency's account, when it is a member of one.</param>
internal sealed record AgentBalancesView(IReadOnlyList<AgentBalanceView> Currencies, AgencyBalancesView? Agency = null);

internal sealed record AgencyBalancesView(Guid AgencyId, string Name, IReadOnlyList<AgentBalanceView> Currencies);

internal sealed record AgencyMemberView(Guid UserId, string? Email, string? Name, bool IsManager, DateTimeOffset AddedAt);

/// <summary>An agency with its members (Partners' <c>/api/admin/agencies</c>, <c>/api/agent/agency</c>).</summary>
internal sealed record AgencyView(Guid Id, string Name, string ContactEmail, DateTimeOffset CreatedAt, IReadOnlyList<AgencyMemberView> Members);

internal sealed record MyAgencyView(AgencyView Agency, bool IsManager);

/// <summary>An agency as an operator sees it, to grant it.</summary>
internal sealed record AgencySummaryView(Guid Id, string Name, string ContactEmail);

/// <summary>The agency's sales (Booking's <c>/api/agent/agency/bookings</c>): its months are what the agent page shows.</summary>
internal sealed record AgencySalesView(Guid AgencyId, string AgencyName, IReadOnlyList<AgentSaleView> Items, string? NextCursor, IReadOnlyList<AgentMonthView> Months);

internal sealed record PayoutDetailsView(string? AccountHolder, string? BankCode, string? Account);

/// <summary>An operator's own application as <c>GET /api/operator/application</c> answers it (with the payout details).</summary>
internal sealed record OwnApplicationView(string LegalName, string TaxId, string ContactEmail, string? ContactPhone, PayoutDetailsView PayoutDetails,
    PayoutDetailsView? PendingPayoutDetails, string Status, string? RejectionReason, DateTimeOffset? DecidedAt = null,
    IReadOnlyList<DocumentView>? Documents = null, DateTimeOffset? DocumentsChangedAt = null);

/// <summary>A document attached to an operator's application (its content is a download of its own).</summary>
/// <param name="Scan">clean or not-scanned (no virus scanner was configured when it was uploaded).</param>
internal sealed record DocumentView(Guid Id, string FileName, string ContentType, int SizeBytes, DateTimeOffset UploadedAt, string Scan = "not-scanned")
{
    public string Size => SizeBytes >= 1024 * 1024 ? $"{SizeBytes / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, SizeBytes / 1024)} KB";
}

/// <summary>A guide or transfer driver on a departure (Partners' assignments), as the desk lists them.</summary>
internal sealed record DepartureStaffView(Guid Id, Guid UserId, string Role, string Status, string? Email, string? Name,
    IReadOnlyList<PickupView>? Pickups = null);
