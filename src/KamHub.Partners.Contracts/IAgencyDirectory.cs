namespace KamHub.Partners.Contracts;

/// <summary>What other modules may ask about agencies (Booking and Payments: whose sales and balance an agent may see).</summary>
public interface IAgencyDirectory
{
    /// <summary>The agency <paramref name="agentUserId"/> currently belongs to, or null.</summary>
    Task<AgencyMembership?> MembershipAsync(Guid agentUserId, CancellationToken ct);
}

/// <param name="IsManager">The member may add and remove the agency's members.</param>
public sealed record AgencyMembership(Guid AgencyId, string Name, bool IsManager);
