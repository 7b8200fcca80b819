using KamHub.Core.Errors;
using KamHub.Partners.Contracts;

namespace KamHub.Partners.Assignments.AssignStaff;

/// <param name="UserId">The guide's or driver's account; or name it by <paramref name="Email"/> (the desk's form knows people by e-mail).</param>
/// <param name="Role">guide or transfer.</param>
internal sealed record AssignStaffRequest(Guid? UserId, string? Role, string? Email = null)
{
    public ValidationErrors Check()
    {
        var errors = new ValidationErrors();
        var byEmail = !string.IsNullOrWhiteSpace(Email);
        errors.When((UserId is null || UserId == Guid.Empty) && !byEmail, "userId", "is required (or email).");
        errors.When(UserId is not null && byEmail, "email", "names the person a second time: send userId or email, not both.");
        errors.When(Email is { Length: > 254 }, "email", "must be at most 254 characters.");
        errors.When(Role is not (AssignmentRoles.Guide or AssignmentRoles.Transfer), "role", "must be guide or transfer.");
        return errors;
    }
}
