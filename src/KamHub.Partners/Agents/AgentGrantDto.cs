using KamHub.Core.Time;
using KamHub.Identity.Contracts;
using KamHub.Partners.Data;

namespace KamHub.Partners.Agents;

/// <param name="TourIds">Null when the grant covers all the operator's tours.</param>
/// <param name="Active">Not revoked and within its validity now.</param>
/// <param name="AgentUserId">The agent granted; null on a grant to an agency (<paramref name="AgencyId"/>).</param>
/// <param name="AgentEmail">The agent's sign-in e-mail (null when its account is gone), so a person can tell grants apart.</param>
/// <param name="AgencyName">The agency's name, on a grant to an agency.</param>
internal sealed record AgentGrantDto(Guid Id, Guid OperatorId, Guid? AgentUserId, decimal CommissionPercent, IReadOnlyList<Guid>? TourIds,
    DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, bool Active, string? AgentEmail, string? AgentName,
    Guid? AgencyId, string? AgencyName)
{
    public static AgentGrantDto From(AgentGrant g, IReadOnlyList<Guid>? tours, DateTime now, UserContact? agent, string? agencyName) =>
        new(g.Id, g.OperatorId, g.AgencyId is null ? g.AgentUserId : null, g.CommissionBasisPoints / 100m, g.AllTours ? null : tours ?? [],
            StoredTime.Utc(g.ValidFrom), g.ValidTo is { } to ? StoredTime.Utc(to) : null, StoredTime.Utc(g.CreatedAt), g.RevokedAt is { } r ? StoredTime.Utc(r) : null,
            g.RevokedAt is null && g.ValidFrom <= now && (g.ValidTo is null || now < g.ValidTo), agent?.Email, agent?.DisplayName, g.AgencyId, agencyName);
}

/// <summary>Newest first; <paramref name="NextCursor"/> (the last id) is null on the last page.</summary>
internal sealed record AgentGrantPage(IReadOnlyList<AgentGrantDto> Items, string? NextCursor);
