using KamHub.Core.Errors;
using KamHub.Partners.Data;

namespace KamHub.Partners.Agencies;

/// <param name="ManagerEmail">Optional: an Agent account that joins at once as the agency's first manager.</param>
internal sealed record CreateAgencyRequest(string? Name, string? ContactEmail, string? ManagerEmail)
{
    public ValidationErrors Check()
    {
        var errors = new ValidationErrors()
            .Required(Name, "name", Agency.NameMaxLength).Storable(Name, "name")
            .Required(ContactEmail, "contactEmail", 254).Storable(ContactEmail, "contactEmail")
            .Optional(ManagerEmail, "managerEmail", 254).Storable(ManagerEmail, "managerEmail");
        errors.When(ContactEmail is not null && !ContactEmail.Contains('@', StringComparison.Ordinal), "contactEmail", "must be an e-mail address.");
        return errors;
    }
}

/// <param name="AgentUserId">The Agent account to add; or name it by <paramref name="Email"/>.</param>
/// <param name="Manager">Whether it may manage the members too (default false).</param>
internal sealed record AddAgencyMemberRequest(Guid? AgentUserId, string? Email, bool? Manager)
{
    public ValidationErrors Check()
    {
        var errors = new ValidationErrors().Optional(Email, "email", 254).Storable(Email, "email");
        var byEmail = !string.IsNullOrWhiteSpace(Email);
        errors.When((AgentUserId is null || AgentUserId == Guid.Empty) && !byEmail, "email", "is required (or agentUserId).");
        errors.When(AgentUserId is not null && byEmail, "email", "names the agent a second time: send agentUserId or email, not both.");
        return errors;
    }
}
