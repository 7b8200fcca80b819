namespace KamHub.Partners.Data;

/// <summary>
/// An organisation of several Agent users that operators may grant as one (issue 21, ADR 0023's update): it is the payee of
/// what its members sell under its grants. Created by an admin; agencies are not deleted (their sales name them).
/// </summary>
internal sealed class Agency
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    public Guid CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A current member of an agency. The key is the agent, so an agent belongs to at most one agency; removing a member
/// deletes the row (the history is in the agency.member-* events), and the agent can no longer sell under the agency's grants.
/// </summary>
internal sealed class AgencyMember
{
    public Guid AgentUserId { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>A manager may add and remove the agency's members.</summary>
    public bool IsManager { get; set; }

    public Guid AddedBy { get; set; }

    public DateTime AddedAt { get; set; }
}
