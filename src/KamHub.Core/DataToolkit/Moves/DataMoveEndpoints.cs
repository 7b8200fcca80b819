using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>Start a move.</summary>
public sealed record StartMoveRequest(string? Module, string? To);

/// <summary>Set the read share.</summary>
public sealed record MoveReadsRequest(int? Percent);

/// <summary>
/// <c>/api/admin/data/moves</c> (Admin role): the online move's steps, the same as <c>kamhub data move</c>. A step
/// out of order is 409, an unknown move or module 404, a bad connection string 422.
/// </summary>
public static class DataMoveEndpoints
{
    public static IEndpointRouteBuilder MapKamHubDataMoves(this IEndpointRouteBuilder endpoints)
    {
        var moves = endpoints.MapGroup("/api/admin/data/moves").WithTags("Data moves").RequireAuthorization(AuthenticationRegistration.AdminPolicy);
        moves.MapGet("/", async (DataMoves service, string? module, CancellationToken ct) => await Run(async () => TypedResults.Ok(await service.ListAsync(module, ct))))
            .Produces<IReadOnlyList<DataMoveStatus>>();
        moves.MapGet("/{id:guid}", async (DataMoves service, Guid id, CancellationToken ct) => await Run(async () => TypedResults.Ok(await service.GetAsync(id, ct))))
            .Produces<DataMoveStatus>();
        moves.MapPost("/", StartAsync).Produces<DataMoveStatus>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        moves.MapPost("/{id:guid}/step", (DataMoves s, Guid id, ClaimsPrincipal user, CancellationToken ct) => Step(() => s.StepAsync(id, By(user), ct)))
            .Produces<DataMoveStatus>();
        moves.MapPost("/{id:guid}/reads", ReadsAsync).Produces<DataMoveStatus>();
        moves.MapPost("/{id:guid}/switch-writes", (DataMoves s, Guid id, ClaimsPrincipal user, CancellationToken ct) => Step(() => s.SwitchWritesAsync(id, By(user), ct)))
            .Produces<DataMoveStatus>();
        moves.MapPost("/{id:guid}/finalize", (DataMoves s, Guid id, ClaimsPrincipal user, CancellationToken ct) => Step(() => s.FinalizeAsync(id, By(user), ct)))
            .Produces<DataMoveStatus>();
        moves.MapPost("/{id:guid}/rollback", (DataMoves s, Guid id, ClaimsPrincipal user, CancellationToken ct) => Step(() => s.RollbackAsync(id, By(user), ct)))
            .Produces<DataMoveStatus>();
        return endpoints;
    }

    private static async Task<IResult> StartAsync(DataMoves service, StartMoveRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Module)) errors["module"] = ["is required."];
        if (string.IsNullOrWhiteSpace(request.To)) errors["to"] = ["is required (a connection string)."];
        if (errors.Count > 0) return Problems.Validation(errors);
        return await Run(async () =>
        {
            var move = await service.StartAsync(request.Module!, request.To!, By(user), NoProgress.Instance, ct);
            return TypedResults.Created($"/api/admin/data/moves/{move.Id}", move);
        });
    }

    private static async Task<IResult> ReadsAsync(DataMoves service, Guid id, MoveReadsRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Percent is not { } percent || percent is < 0 or > 100) return Problems.Validation("percent", "must be between 0 and 100.");
        return await Step(() => service.ReadsAsync(id, percent, By(user), ct));
    }

    private static Task<IResult> Step(Func<Task<DataMoveStatus>> step) => Run(async () => TypedResults.Ok(await step()));

    private static async Task<IResult> Run<T>(Func<Task<T>> action) where T : IResult
    {
        try
        {
            return await action();
        }
        catch (MoveException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: ex.Status, title: ex.Status switch { 404 => "Not found", 409 => "Conflict", _ => "Unprocessable request" },
                type: ProblemTypes.ForStatus(ex.Status));
        }
    }

    private static string By(ClaimsPrincipal user)
    {
        var who = $"{user.FindFirstValue(KamHubClaims.Email) ?? "unknown"} ({user.GetUserId()?.ToString() ?? "no id"})";
        return who.Length <= 200 ? who : who[..200];
    }
}
