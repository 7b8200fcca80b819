using System.Globalization;
using KamHub.Core.Errors;
using KamHub.Core.Hosting;
using KamHub.Identity.Data;
using KamHub.Identity.Tokens;
using KamHub.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Identity.Login;

internal static class LoginEndpoint
{
    private const string InvalidCredentials = "The email or password is incorrect.";

    public static RouteGroupBuilder MapLogin(this RouteGroupBuilder group)
    {
        group.MapPost("/login", HandleAsync)
            .WithName("Login")
            .WithSummary("Signs in with email and password; returns an access token and a refresh token.")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return group;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> HandleAsync(
        LoginRequest request,
        HttpContext http,
        IdentityDbContext db,
        IPasswordHasher<User> hasher,
        LoginThrottle throttle,
        TokenIssuer tokens,
        CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(request.Email ?? "");
        var ip = ClientAddress.ThrottleKey(http.Connection.RemoteIpAddress);

        // Reserved before the password is checked, so a client told to wait waits even with the right password, and
        // parallel guesses cannot all slip past a count that none of them has added to yet. A client that has not
        // failed is refused only for its address's failures on other accounts (LoginThrottle).
        var (attempt, wait) = await throttle.BeginAsync(normalized, ip, ct);
        if (attempt is null)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.TooManyRequests("Too many failed sign-in attempts. Try again later.");
        }

        var password = request.Password ?? "";
        // An email no database can hold (NUL, broken Unicode) belongs to nobody: same answer as an unknown one.
        var user = normalized.Length == 0 || !StorableText.IsStorable(normalized) ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var verdict = Verify(hasher, user, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(ct);
            // One answer for unknown email and wrong password: sign-in must not reveal who has an account.
            return Problems.Unauthorized(InvalidCredentials);
        }

        await throttle.RecordSuccessAsync(attempt, ct);
        // A hash from an older format or a lower iteration count is replaced while the password is at hand;
        // TokenIssuer saves it together with the refresh token.
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user!.PasswordHash = hasher.HashPassword(user, password);
        return TypedResults.Ok(await tokens.IssueAsync(user!, ct));
    }

    private static PasswordVerificationResult Verify(IPasswordHasher<User> hasher, User? user, string password)
    {
        if (user is null)
        {
            // Hash anyway, so an unknown email takes as long as a wrong password.
            hasher.HashPassword(null!, password);
            return PasswordVerificationResult.Failed;
        }

        return hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }
}
