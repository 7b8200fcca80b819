using KamHub.Core.Errors;
using KamHub.Partners.Contracts;

namespace KamHub.Partners.Assignments.AssignStaff;

/// <param name="Role">guide or transfer.</param>
internal sealed record AssignStaffRequest(Guid? UserId, string? Role)
{
    public ValidationErrors Check()
    {
        var errors = new ValidationErrors();
        errors.When(UserId is null || UserId == Guid.Empty, "userId", "is required.");
        errors.When(Role is not (AssignmentRoles.Guide or AssignmentRoles.Transfer), "role", "must be guide or transfer.");
        return errors;
    }
}
