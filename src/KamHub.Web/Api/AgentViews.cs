namespace KamHub.Web.Api;

// What the agents' pages show of the API's answers (Partners' grants, Booking's sales, Payments' balance; JSON web names).

/// <param name="TourIds">Null: all the operator's tours.</param>
internal sealed record AgentGrantView(Guid Id, Guid AgentUserId, string? AgentEmail, string? AgentName, decimal CommissionPercent, IReadOnlyList<Guid>? TourIds,
    DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, DateTimeOffset? RevokedAt, bool Active);

internal sealed record AgentSaleView(Guid Id, string Reference, string Status, Guid TourId, Guid DepartureId, int Seats, long PriceMinor, long PaidMinor,
    string Currency, decimal CommissionPercent, long CommissionMinor, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt);

internal sealed record AgentMonthView(string Month, string Currency, int Bookings, long SalesMinor, long CommissionMinor);

internal sealed record AgentSalesView(IReadOnlyList<AgentSaleView> Items, string? NextCursor, IReadOnlyList<AgentMonthView> Months);

internal sealed record AgentBalanceView(string Currency, long CommissionMinor, long PaidOutMinor, long BalanceMinor, long UnpaidMinor);

internal sealed record AgentBalancesView(IReadOnlyList<AgentBalanceView> Currencies);

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
