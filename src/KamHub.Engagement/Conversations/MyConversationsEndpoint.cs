using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Engagement.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Conversations;

/// <param name="Unread">Messages of the other sides the caller's side has not read.</param>
internal sealed record ConversationSummary(Guid BookingId, Guid TourId, DateTimeOffset? LastMessageAt, int Unread);

/// <summary>
/// GET /api/me/conversations: the caller's conversations with messages, most recent first (at most 100), each with its
/// unread count: a tourist's as booker, an operator user's as its organisation.
/// </summary>
internal static class MyConversationsEndpoint
{
    private const int Limit = 100;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/conversations", HandleAsync).RequireAuthorization().WithTags("Conversations");

    private static async Task<Results<Ok<List<ConversationSummary>>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal user, EngagementDbContext db,
        CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var operatorId = user.IsInRole(Roles.Operator) ? user.GetOperatorId() : null;
        var (party, conversations) = operatorId is { } org
            ? (ConversationParticipant.Operator, db.Conversations.Where(c => c.OperatorId == org))
            : (ConversationParticipant.Customer, db.Conversations.Where(c => c.CustomerId == userId));
        var recent = await conversations.Where(c => c.LastMessageAt != null).OrderByDescending(c => c.LastMessageAt).Take(Limit).AsNoTracking().ToListAsync(ct);
        var ids = recent.Select(c => c.BookingId).ToList();
        var marks = await db.ConversationParticipants.AsNoTracking().Where(p => ids.Contains(p.BookingId) && p.Party == party)
            .ToDictionaryAsync(p => p.BookingId, p => p.ReadUpTo, ct);
        var summaries = new List<ConversationSummary>();
        foreach (var c in recent)
        {
            summaries.Add(new ConversationSummary(c.BookingId, c.TourId, c.LastMessageAt is { } at ? StoredTime.Utc(at) : null,
                await Unread.CountAsync(db, c, party, marks.GetValueOrDefault(c.BookingId), ct)));
        }

        return TypedResults.Ok(summaries);
    }
}
