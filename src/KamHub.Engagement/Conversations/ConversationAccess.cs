using System.Security.Claims;
using KamHub.Core.Security;
using KamHub.Engagement.Data;

namespace KamHub.Engagement.Conversations;

/// <summary>
/// Who takes part in a booking's conversation: its booker (customer), the users of the tour's operator organisation
/// (operator) and the guides Partners assigned to the booking's departure (guide, ADR 0024). Admins may read any conversation (disputes,
/// abuse reports) but not post in it or move its read marks; everyone else is told there is no such booking (404), as
/// Booking answers for a booking they cannot see (ADR 0019).
/// </summary>
internal static class ConversationAccess
{
    public static string? PartyOf(ClaimsPrincipal user, Conversation conversation)
    {
        var userId = user.GetUserId();
        if (userId == conversation.CustomerId) return ConversationParticipant.Customer;
        if (user.IsInRole(Roles.Operator) && user.GetOperatorId() == conversation.OperatorId) return ConversationParticipant.Operator;
        if (userId is { } id && conversation.Guides.Contains(id)) return ConversationParticipant.Guide;
        return null;
    }

    public static bool CanRead(ClaimsPrincipal user, Conversation conversation) => PartyOf(user, conversation) is not null || user.IsAdmin();
}
