using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Identity.AdminUsers;

internal static class CreateUserEndpoint
{
    public static RouteGroupBuilder MapCreateUser(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .WithName("CreateUser")
            .WithSummary("Admins create users of any role; Operator users need the organisation they act for.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateUserRequest request, UserCreator users, IOperatorDirectory operators, CancellationToken ct)
    {
        var role = Roles.Normalize(request.Role);
        var errors = Validate(request, role);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        // The organisation lives in Discovery: asked through its facade, never its tables.
        if (request.OperatorId is { } operatorId && !await operators.ExistsAsync(operatorId, ct))
            return Problems.Unprocessable($"operatorId {operatorId} names no operator organisation; create it first (POST /api/operators).");

        var user = await users.CreateAsync(request.Email!, request.Password!, role!, request.DisplayName, request.OperatorId, ct);
        if (user is null) return Problems.Conflict("An account with this email already exists.");
        return TypedResults.Created($"/api/admin/users/{user.Id}", UserResponse.From(user));
    }

    private static ValidationErrors Validate(CreateUserRequest request, string? role)
    {
        var errors = new ValidationErrors();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email)) errors.Add("email", "is required.");
        else errors.When(!EmailAddress.IsValid(email), "email", "must be a valid email address.");
        if (PasswordRules.Check(request.Password) is { } password) errors.Add("password", password);
        errors.Optional(request.DisplayName, "displayName", Data.User.DisplayNameMaxLength);
        errors.Storable(request.Email, "email").Storable(request.DisplayName, "displayName");
        if (role is null) errors.Add("role", $"must be one of {string.Join(", ", Roles.All)}.");
        else if (role == Roles.Operator) errors.When(request.OperatorId is null || request.OperatorId == Guid.Empty, "operatorId", "is required for the Operator role.");
        else errors.When(request.OperatorId is not null, "operatorId", "is only allowed for the Operator role.");
        return errors;
    }
}
