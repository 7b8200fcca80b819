using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Features.Evaluation;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Core.Features.Admin;

/// <summary>
/// <c>/api/admin/flags</c> (Admin role): list, read, create or change, delete, history. <c>/api/me/flags</c> (anyone):
/// the caller's own evaluation of every flag.
/// </summary>
public static class FlagEndpoints
{
    public static IEndpointRouteBuilder MapKamHubFlags(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/flags").WithTags("Flags").RequireAuthorization(AuthenticationRegistration.AdminPolicy);
        admin.MapGet("/", async (FlagAdmin flags, string? module, CancellationToken ct) => TypedResults.Ok(await flags.ListAsync(module, ct)));
        admin.MapGet("/{name}", GetAsync);
        admin.MapPut("/{name}", PutAsync);
        admin.MapDelete("/{name}", DeleteAsync);
        admin.MapGet("/{name}/history", HistoryAsync);
        endpoints.MapGet("/api/me/flags", MineAsync).WithTags("Flags").AllowAnonymous();
        return endpoints;
    }

    private static async Task<Results<Ok<FeatureFlag>, ProblemHttpResult>> GetAsync(FlagAdmin flags, string name, CancellationToken ct) =>
        await flags.GetAsync(name, ct) is { } flag ? TypedResults.Ok(flag) : NoSuchFlag(name);

    private static async Task<Results<Ok<FeatureFlag>, Created<FeatureFlag>, ValidationProblem>> PutAsync(
        FlagAdmin flags, string name, FlagChangeRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            var result = await flags.SetAsync(name, request, ChangedBy(user), ct);
            return result.Created ? TypedResults.Created($"/api/admin/flags/{name}", result.Flag) : TypedResults.Ok(result.Flag);
        }
        catch (FlagValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(FlagAdmin flags, string name, ClaimsPrincipal user, CancellationToken ct) =>
        await flags.DeleteAsync(name, ChangedBy(user), ct) ? TypedResults.NoContent() : NoSuchFlag(name);

    private static async Task<Results<Ok<FlagHistoryPage>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        FlagAdmin flags, string name, string? cursor, int? limit, CancellationToken ct)
    {
        try
        {
            return await flags.HistoryAsync(name, cursor, limit ?? 100, ct) is { } page ? TypedResults.Ok(page) : NoSuchFlag(name);
        }
        catch (FlagValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }
    }

    /// <summary>Signed in: the user's answers. Anonymous: the visitor key's (one is issued when none was sent).</summary>
    private static async Task<Results<Ok<IReadOnlyDictionary<string, bool>>, ValidationProblem>> MineAsync(
        IFeatureFlags flags, HttpContext context, CancellationToken ct)
    {
        if (context.User.GetUserId() is null && VisitorKey.SentHeader(context) is { } sent && !VisitorKey.IsValid(sent))
            return Problems.Validation(VisitorKey.Header, "must be 8-64 letters, digits, '-' or '_'.");
        return TypedResults.Ok(await flags.EvaluateAllAsync(HttpFlagTarget.Of(context), ct));
    }

    private static ProblemHttpResult NoSuchFlag(string name) => Problems.NotFound($"No flag '{name}'.");

    /// <summary>Who made a change, for the history: the admin's e-mail and id from the token.</summary>
    private static string ChangedBy(ClaimsPrincipal user)
    {
        var who = $"{user.FindFirstValue(KamHubClaims.Email) ?? "unknown"} ({user.GetUserId()?.ToString() ?? "no id"})";
        return who.Length <= Data.FlagChangeRow.ChangedByMaxLength ? who : who[..Data.FlagChangeRow.ChangedByMaxLength];
    }
}
