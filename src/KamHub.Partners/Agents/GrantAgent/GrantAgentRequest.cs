using KamHub.Core.Errors;

namespace KamHub.Partners.Agents.GrantAgent;

/// <param name="AgentUserId">The Agent account; or name it by <paramref name="AgentEmail"/> (the desk's form knows people by e-mail); or grant an
/// agency instead (<paramref name="AgencyId"/>: every current member may sell under the grant). Exactly one of the three.</param>
/// <param name="CommissionPercent">The agent's share of each booking's price, e.g. 7.5; at most two decimals.</param>
/// <param name="TourIds">The operator's tours the agent may sell; null for all of them (today's and future ones).</param>
/// <param name="ValidFrom">From when (default: now).</param>
/// <param name="ValidTo">Until when, exclusive (default: no end).</param>
internal sealed record GrantAgentRequest(Guid? AgentUserId, decimal? CommissionPercent, IReadOnlyList<Guid>? TourIds, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo,
    string? AgentEmail = null, Guid? AgencyId = null)
{
    public const int MaxTours = 200;

    public ValidationErrors Check(decimal maxPercent)
    {
        var errors = new ValidationErrors();
        var byEmail = !string.IsNullOrWhiteSpace(AgentEmail);
        var byAgency = AgencyId is not null;
        errors.When((AgentUserId is null || AgentUserId == Guid.Empty) && !byEmail && !byAgency, "agentUserId", "is required (or agentEmail, or agencyId).");
        errors.When(AgentUserId is not null && byEmail, "agentEmail", "names the agent a second time: send agentUserId or agentEmail, not both.");
        errors.When(byAgency && (AgentUserId is not null || byEmail), "agencyId", "grants an agency: send agencyId alone, without agentUserId or agentEmail.");
        errors.When(AgencyId == Guid.Empty, "agencyId", "must be an agency's id.");
        errors.When(AgentEmail is { Length: > 254 }, "agentEmail", "must be at most 254 characters.");
        if (CommissionPercent is not { } percent) errors.Add("commissionPercent", "is required.");
        else errors.When(percent <= 0 || percent > maxPercent || decimal.Round(percent, 2) != percent, "commissionPercent",
            $"must be above 0 and at most {maxPercent}, with at most two decimals.");
        if (TourIds is not null)
            errors.When(TourIds.Count is 0 or > MaxTours || TourIds.Any(t => t == Guid.Empty), "tourIds",
                $"must be null (all tours) or list 1 to {MaxTours} tour ids.");
        errors.When(ValidFrom is { } from && ValidTo is { } to && to <= from, "validTo", "must be after validFrom.");
        return errors;
    }

    public int BasisPoints() => (int)(CommissionPercent!.Value * 100);
}
