using KamHub.Payments.Data;
using KamHub.Core.Time;

namespace KamHub.Payments.Payouts;

/// <param name="OperatorId">Empty for an agent's payout, which names <paramref name="AgentId"/>, and an agency's (<paramref name="AgencyId"/>).</param>
internal sealed record PayoutDto(Guid Id, Guid OperatorId, long AmountMinor, string Currency, int Entries, DateTimeOffset PeriodFrom, DateTimeOffset PeriodTo,
    DateTimeOffset CreatedAt, Guid? AgentId, Guid? AgencyId)
{
    public static PayoutDto From(Payout p) => new(p.Id, p.OperatorId, p.AmountMinor, p.Currency, p.Entries, StoredTime.Utc(p.PeriodFrom),
        StoredTime.Utc(p.PeriodTo), StoredTime.Utc(p.CreatedAt), p.AgentId, p.AgencyId);
}

/// <summary>Newest first; <paramref name="NextCursor"/> (the last id) is null on the last page.</summary>
/// <summary>The payouts one run made.</summary>
internal sealed record PayoutList(IReadOnlyList<PayoutDto> Items);

internal sealed record PayoutPage(IReadOnlyList<PayoutDto> Items, string? NextCursor);

internal sealed record RunPayoutsRequest(DateTimeOffset? From, DateTimeOffset? To);
