using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Core.Data;
using KamHub.Core.Events;
using KamHub.Engagement.Contracts;
using KamHub.Engagement.Conversations.Live;
using KamHub.Engagement.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Engagement.Conversations;

internal sealed record PostMessageRequest(string? Text);

/// <param name="UpTo">The newest message read; absent means everything so far.</param>
internal sealed record ReadRequest(Guid? UpTo);

/// <summary>
/// A booking's conversation (ADR 0019): <c>GET /api/bookings/{id}/messages</c> (newest first, keyset-paged, with the
/// caller's unread count and each side's read mark), <c>POST</c> to write, <c>POST .../messages/read</c> to move the
/// caller's read mark. Only its people post; admins may read; anyone else hears 404.
/// </summary>
internal static class MessagesEndpoints
{
    public const int MaxLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookings/{id:guid}/messages").RequireAuthorization().WithTags("Conversations");
        group.MapGet("", ListAsync);
        group.MapPost("", PostAsync);
        group.MapPost("/read", ReadAsync);
    }

    private static async Task<Results<Ok<MessagePage>, ProblemHttpResult, ValidationProblem>> ListAsync(Guid id, string? cursor, int? limit,
        ClaimsPrincipal user, ConversationStore store, EngagementDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (after, take) = (errors.IdCursor(cursor), errors.Limit(limit, 50, MaxLimit));
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (await store.OpenAsync(id, user, ct) is not { } conversation) return Problems.NotFound($"There is no booking {id}.");

        var messages = ConversationWindow.MessagesOf(db, conversation);
        if (after is { } before) messages = messages.Where(m => m.Id.CompareTo(before) < 0);
        var rows = await messages.OrderByDescending(m => m.Id).Take(take + 1).AsNoTracking().ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var parties = await db.ConversationParticipants.AsNoTracking().Where(p => p.BookingId == id).ToListAsync(ct);
        var party = ConversationAccess.PartyOf(user, conversation);
        var mine = parties.FirstOrDefault(p => p.Party == party);
        var unread = mine is null ? 0 : await Unread.CountAsync(db, conversation, mine.Party, mine.ReadUpTo, ct);
        return TypedResults.Ok(new MessagePage(page.Select(m => MessageDto.From(m, parties)).ToList(), rows.Count > take ? page[^1].Id.ToString() : null,
            unread, parties.ToDictionary(p => p.Party, p => p.ReadUpTo)));
    }

    private static async Task<Results<Created<MessageDto>, ProblemHttpResult, ValidationProblem>> PostAsync(Guid id, PostMessageRequest request,
        ClaimsPrincipal user, ConversationStore store, MessagePosting posting, EngagementDbContext db, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        if (await store.OpenAsync(id, user, ct) is not { } conversation) return Problems.NotFound($"There is no booking {id}.");
        if (ConversationAccess.PartyOf(user, conversation) is not { } party) return Problems.Forbidden("Admins read conversations but do not write in them.");
        var errors = new ValidationErrors().Required(request.Text, "text", Message.TextMaxLength, multiline: true);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var message = await posting.PostAsync(conversation, party, userId, request.Text!.Trim(), ct);
        var parties = await db.ConversationParticipants.AsNoTracking().Where(p => p.BookingId == id).ToListAsync(ct);
        return TypedResults.Created($"/api/bookings/{id}/messages", MessageDto.From(message, parties));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReadAsync(Guid id, ReadRequest? request, ClaimsPrincipal user, ConversationStore store,
        EngagementDbContext db, IEventPublisher events, ConversationSignals signals, TimeProvider clock, CancellationToken ct)
    {
        if (await store.OpenAsync(id, user, ct) is not { } conversation) return Problems.NotFound($"There is no booking {id}.");
        if (ConversationAccess.PartyOf(user, conversation) is not { } party) return Problems.Forbidden("Admins read conversations without read marks.");
        var newest = await ConversationWindow.MessagesOf(db, conversation).Where(m => (request == null || request.UpTo == null || m.Id.CompareTo(request.UpTo.Value) <= 0))
            .OrderByDescending(m => m.Id).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        if (newest is not { } upTo) return TypedResults.NoContent();
        var now = StoredTime.Now(clock);
        var moved = await RetryingTransaction.RunAsync(db, async token =>
        {
            // Forward only: an older mark sent late never unreads anything.
            var updated = await db.ConversationParticipants
                .Where(p => p.BookingId == id && p.Party == party && (p.ReadUpTo == null || p.ReadUpTo.Value.CompareTo(upTo) < 0))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReadUpTo, upTo).SetProperty(p => p.ReadAt, now), token);
            // The read receipt for open conversation pages on every instance (ADR 0024).
            if (updated > 0) events.Publish(db, id.ToString(), new MessagesRead(id, party, upTo, StoredTime.Utc(now)));
            return (updated > 0, updated > 0);
        }, ct);
        if (moved) signals.Wake(id);
        return TypedResults.NoContent();
    }
}
