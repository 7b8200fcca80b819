using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using KamHub.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KamHub.Engagement.Conversations.Live;

/// <param name="ReadUpTo">Per side, the newest message it has read (as in GET .../messages).</param>
/// <param name="Unread">Messages of the other sides the caller's side has not read (0 for an admin).</param>
internal sealed record LiveReadState(IReadOnlyDictionary<string, Guid?> ReadUpTo, int Unread);

/// <summary>
/// One open live stream of a conversation (ADR 0024): <c>message</c> events (a <see cref="MessageDto"/>, the event id is
/// the message id) for messages the client has not had, <c>read</c> events (<see cref="LiveReadState"/>) at the start and
/// whenever a read mark or the unread count moves, <c>ping</c> after <see cref="EngagementOptions.LiveKeepAlive"/> of
/// silence. On every wake it opens the conversation as GET .../messages does, so whoever may no longer read it (a guide
/// taken off the trip) loses the stream at the next change. A wake carries no data: the stream reads the messages after
/// a floor, the oldest of the last <see cref="Overlap"/> it sent, so a message whose transaction commits after a newer
/// one was sent is still found, and sends only those it has not sent. When the access token that opened the stream
/// expires the stream sends <c>expired</c> and ends: the client signs in again (or refreshes) and reconnects with
/// Last-Event-ID, so a revoked or lapsed session does not keep reading.
/// </summary>
internal sealed class LiveConversation(ConversationStore store, EngagementDbContext db, ConversationSignals signals, IOptions<EngagementOptions> options,
    TimeProvider clock)
{
    public const int Overlap = 20;
    private const int Chunk = 100;

    /// <param name="resumeAfter">The Last-Event-ID a reconnecting client sends: messages after it are sent first. Null: from now on.</param>
    public async IAsyncEnumerable<SseItem<object>> StreamAsync(Guid bookingId, ClaimsPrincipal user, Guid? resumeAfter,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = signals.Subscribe(bookingId);
        // At once: the response (and its headers) starts before any query, so a client knows the stream is open.
        yield return new SseItem<object>(new { }, "ping");
        var recent = new List<Guid>();
        Guid? floor = resumeAfter;
        if (floor is null)
        {
            // The client has just read the page (GET .../messages): what exists now is not news.
            recent = await db.Messages.AsNoTracking().Where(m => m.BookingId == bookingId).OrderByDescending(m => m.Id).Take(Overlap)
                .Select(m => m.Id).ToListAsync(ct);
            recent.Reverse();
            floor = recent.Count > 0 ? recent[0] : Guid.Empty;
        }

        LiveReadState? shown = null;
        var expiresAt = ExpiryOf(user);
        while (true)
        {
            if (clock.GetUtcNow() >= expiresAt)
            {
                yield return new SseItem<object>(new { }, "expired");
                yield break;
            }

            if (await store.OpenAsync(bookingId, user, ct) is not { } conversation) yield break;
            var parties = await db.ConversationParticipants.AsNoTracking().Where(p => p.BookingId == bookingId).ToListAsync(ct);
            while (true)
            {
                var after = floor.Value;
                var rows = await db.Messages.AsNoTracking()
                    .Where(m => m.BookingId == bookingId && m.CreatedAt >= conversation.CreatedAt && m.Id.CompareTo(after) > 0)
                    .OrderBy(m => m.Id).Take(Chunk).ToListAsync(ct);
                foreach (var message in rows.Where(m => !recent.Contains(m.Id)))
                {
                    recent.Add(message.Id);
                    yield return new SseItem<object>(MessageDto.From(message, parties), "message") { EventId = message.Id.ToString() };
                }

                recent.Sort();
                if (recent.Count > Overlap)
                {
                    floor = recent[^(Overlap + 1)];
                    recent.RemoveRange(0, recent.Count - Overlap);
                }

                if (rows.Count < Chunk) break;
                floor = rows[^1].Id;
            }

            var state = await ReadStateAsync(conversation, parties, user, ct);
            if (shown is null || state.Unread != shown.Unread || !state.ReadUpTo.OrderBy(p => p.Key).SequenceEqual(shown.ReadUpTo.OrderBy(p => p.Key)))
            {
                shown = state;
                yield return new SseItem<object>(state, "read");
            }

            var untilExpiry = expiresAt - clock.GetUtcNow();
            var keepAlive = options.Value.LiveKeepAlive;
            var wait = untilExpiry < keepAlive ? untilExpiry : keepAlive;
            if (wait > TimeSpan.Zero && !await subscription.WaitAsync(wait, clock, ct) && wait == keepAlive) yield return new SseItem<object>(new { }, "ping");
        }
    }

    /// <summary>The access token's expiry (its <c>exp</c> claim, Unix seconds); a principal without one never expires here.</summary>
    private static DateTimeOffset ExpiryOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue("exp"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;

    private async Task<LiveReadState> ReadStateAsync(Conversation conversation, List<ConversationParticipant> parties, ClaimsPrincipal user, CancellationToken ct)
    {
        var party = ConversationAccess.PartyOf(user, conversation);
        var mine = parties.FirstOrDefault(p => p.Party == party);
        var unread = mine is null ? 0 : await Unread.CountAsync(db, conversation, mine.Party, mine.ReadUpTo, ct);
        return new LiveReadState(parties.ToDictionary(p => p.Party, p => p.ReadUpTo), unread);
    }
}
