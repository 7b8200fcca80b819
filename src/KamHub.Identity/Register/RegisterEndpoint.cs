using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Identity.Register;

internal static class RegisterEndpoint
{
    public static RouteGroupBuilder MapRegister(this RouteGroupBuilder group)
    {
        group.MapPost("/register", HandleAsync)
            .WithName("Register")
            .WithSummary("Tourists sign up themselves; every other role is granted by an admin.")
            .AllowAnonymous();
        return group;
    }

    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterRequest request, UserCreator users, CancellationToken ct)
    {
        var errors = Validate(request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var user = await users.CreateAsync(request.Email!, request.Password!, Roles.Tourist, request.DisplayName, null, ct);
        if (user is null) return Problems.Conflict("An account with this email already exists.");
        return TypedResults.Created("/api/me", UserResponse.From(user));
    }

    private static ValidationErrors Validate(RegisterRequest request)
    {
        var errors = new ValidationErrors();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email)) errors.Add("email", "is required.");
        else errors.When(!EmailAddress.IsValid(email), "email", "must be a valid email address.");
        if (PasswordRules.Check(request.Password) is { } password) errors.Add("password", password);
        errors.Optional(request.DisplayName, "displayName", Data.User.DisplayNameMaxLength);
        errors.Storable(request.Email, "email").Storable(request.DisplayName, "displayName");
        return errors;
    }
}
