namespace KamHub.Partners.Contracts;

// Integration events of agencies (ADR 0023, update for agencies). Aggregate: the agency.

/// <summary><c>agency.created</c>: an admin created an agency, an organisation of Agent users that operators may grant as one.</summary>
public sealed record AgencyCreated(Guid AgencyId, string Name, string ContactEmail, Guid CreatedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "agency.created";
    public const int EventVersion = 1;
}

/// <summary><c>agency.member-added</c>: an Agent joined the agency (added by an admin or one of its managers); it may sell under the agency's grants.</summary>
public sealed record AgencyMemberAdded(Guid AgencyId, Guid AgentUserId, bool IsManager, Guid AddedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "agency.member-added";
    public const int EventVersion = 1;
}

/// <summary><c>agency.member-removed</c>: an Agent left the agency; it sells no more under its grants, its past sales stay the agency's.</summary>
public sealed record AgencyMemberRemoved(Guid AgencyId, Guid AgentUserId, Guid RemovedBy, DateTimeOffset OccurredAt)
{
    public const string EventName = "agency.member-removed";
    public const int EventVersion = 1;
}
