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
        admin.MapGet("/dead-letters", DeadLettersAsync);
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
        var errors = new ValidationErrors();
        var take = errors.Limit(limit, 50, EventAdmin.MaxLimit);
        errors.Cursor(cursor, EventCursor.TryDecode);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        try
        {
            return TypedResults.Ok(await bus.ListEventsAsync(new EventQuery(types, aggregateId, correlationId, from, to, module, cursor, take), ct));
        }
        catch (EventAdminException ex)
        {
            return Problems.Validation(ex.Field, ex.Message);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetter>>, ValidationProblem>> DeadLettersAsync(
        EventAdmin bus, string? subscriber, int? limit, CancellationToken ct)
    {
        var errors = new ValidationErrors().Storable(subscriber, "subscriber");
        var take = errors.Limit(limit, 100, EventAdmin.MaxLimit);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await bus.DeadLettersAsync(subscriber, take, ct));
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
