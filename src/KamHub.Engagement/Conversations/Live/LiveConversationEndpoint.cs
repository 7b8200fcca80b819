using System.Net.ServerSentEvents;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.Extensions.Options;

namespace KamHub.Engagement.Conversations.Live;

/// <summary>
/// GET /api/bookings/{id}/messages/live: a Server-Sent Events stream of an open conversation page (ADR 0024). Who may
/// open it is exactly who may GET .../messages (the same <see cref="ConversationStore.OpenAsync"/>): its people and
/// admins; 401 without a token, 404 for anyone else. A reconnecting EventSource sends Last-Event-ID (a message id) and
/// gets what it missed. Clients without EventSource poll GET .../messages instead. A user holds at most
/// <see cref="EngagementOptions.LiveStreamsPerUser"/> streams on an instance, and the instance at most
/// <see cref="EngagementOptions.LiveStreamsPerInstance"/> (429 beyond either); a stream ends when the token
/// that opened it expires.
/// </summary>
internal static class LiveConversationEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/bookings/{id:guid}/messages/live", HandleAsync).RequireAuthorization().WithTags("Conversations");

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> HandleAsync(Guid id, HttpContext http, ClaimsPrincipal user,
        ConversationStore store, LiveConversation live, LiveStreamSlots slots, IOptions<EngagementOptions> options, CancellationToken ct)
    {
        if (await store.OpenAsync(id, user, ct) is null) return Problems.NotFound($"There is no booking {id}.");
        var limits = options.Value;
        var (slot, refused) = slots.TryTake(user.GetUserId() ?? Guid.Empty, limits.LiveStreamsPerUser, limits.LiveStreamsPerInstance);
        if (slot is null)
        {
            return Problems.TooManyRequests(refused == LiveStreamLimit.User
                ? $"You have {limits.LiveStreamsPerUser} live conversation streams open; close one, or poll GET /api/bookings/{id}/messages."
                : $"This server holds as many live conversation streams as it may; poll GET /api/bookings/{id}/messages.");
        }

        // Released when the response ends, however it ends (the stream's own code may never start if the client leaves first).
        http.Response.RegisterForDispose(slot);
        Guid? resumeAfter = Guid.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var last) ? last : null;
        return TypedResults.ServerSentEvents(live.StreamAsync(id, user, resumeAfter, http.RequestAborted));
    }
}
