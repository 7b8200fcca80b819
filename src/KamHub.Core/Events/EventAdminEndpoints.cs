using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Core.Events;

/// <summary>The bus's admin API (Admin role only): history, subscriptions, replay, dead letters.</summary>
public static class EventAdminEndpoints
{
    public static IEndpointRouteBuilder MapKamHubEventsAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin").WithTags("Events").RequireAuthorization(AuthenticationRegistration.AdminPolicy);
        admin.MapGet("/events", ListEventsAsync);
        admin.MapGet("/subscriptions", async (EventAdmin bus, CancellationToken ct) => TypedResults.Ok(await bus.SubscriptionsAsync(ct)));
        admin.MapPost("/subscriptions/{name}/replay", ReplayAsync);
        admin.MapGet("/dead-letters", async (EventAdmin bus, string? subscriber, int? limit, CancellationToken ct) =>
            TypedResults.Ok(await bus.DeadLettersAsync(subscriber, limit ?? 100, ct)));
        admin.MapPost("/dead-letters/{id}/retry", async Task<Results<NoContent, ProblemHttpResult>> (EventAdmin bus, string id, CancellationToken ct) =>
            await bus.RetryAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound($"No dead letter '{id}'."));
        admin.MapDelete("/dead-letters/{id}", async Task<Results<NoContent, ProblemHttpResult>> (EventAdmin bus, string id, CancellationToken ct) =>
            await bus.DiscardAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound($"No dead letter '{id}'."));
        return endpoints;
    }

    private static async Task<Results<Ok<EventPage>, ValidationProblem>> ListEventsAsync(
        EventAdmin bus, string? types, string? aggregateId, string? correlationId, DateTimeOffset? from, DateTimeOffset? to,
        string? module, string? cursor, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > EventAdmin.MaxLimit) return Problems.Validation("limit", $"must be between 1 and {EventAdmin.MaxLimit}.");
        try
        {
            return TypedResults.Ok(await bus.ListEventsAsync(new EventQuery(types, aggregateId, correlationId, from, to, module, cursor, limit ?? 50), ct));
        }
        catch (EventAdminException ex)
        {
            return Problems.Validation(ex.Field, ex.Message);
        }
    }

    private static async Task<Results<Ok<ReplayResult>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        EventAdmin bus, string name, ReplayRequest request, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await bus.ReplayAsync(name, request, ct));
        }
        catch (EventAdminException ex)
        {
            return Problems.Validation(ex.Field, ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }
}
