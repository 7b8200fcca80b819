using KamHub.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Web.Api;

/// <summary>
/// GET /bookings/{id}/messages/live: the conversation page's live stream. A browser's EventSource cannot send the bearer
/// token the API's <c>/api/bookings/{id}/messages/live</c> wants, and the pages' API calls (<see cref="InProcessApiHandler"/>)
/// buffer whole answers, which a stream never finishes. So the relay runs the API's request on the browser's own
/// connection: it puts the session's access token in the Authorization header, points the request at the API's path
/// and hands it to the app's pipeline again (as the exception handler re-executes a request), so the API's own
/// authentication, access check, stream limits and Last-Event-ID resumption answer, and its events flow to the browser
/// as they are written. No session: 401, and the page polls.
/// </summary>
internal static class ConversationStreamRelay
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/bookings/{id:guid}/messages/live", RelayAsync).ExcludeFromDescription();

    private static async Task RelayAsync(Guid id, HttpContext context, AppPipeline pipeline)
    {
        if (await SessionTokens.AccessTokenAsync(context) is not { } token)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var request = context.Request;
        request.Headers.Authorization = "Bearer " + token;
        // The API reads no cookie; the session's stays out of its logs and handlers.
        request.Headers.Cookie = default;
        request.Path = $"/api/bookings/{id}/messages/live";
        request.QueryString = QueryString.Empty;
        // What routing and the session put on the context belongs to the page's request, not to the API's.
        context.SetEndpoint(null);
        request.RouteValues.Clear();
        context.User = new System.Security.Claims.ClaimsPrincipal();
        // A scope of its own, as a request of its own: authentication handlers keep their first result per scope, and
        // the bearer handler has already found no token on the page's request.
        var pageServices = context.RequestServices;
        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        try
        {
            await pipeline.App(context);
        }
        finally
        {
            context.RequestServices = pageServices;
        }
    }
}
