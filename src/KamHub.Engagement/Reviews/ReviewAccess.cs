using System.Security.Claims;
using KamHub.Core.Security;
using KamHub.Engagement.Data;

namespace KamHub.Engagement.Reviews;

/// <summary>Who may do what with a review: its author edits, the tour's operator replies, admins moderate.</summary>
internal static class ReviewAccess
{
    public static bool IsAuthor(ClaimsPrincipal user, Review review) => user.GetUserId() == review.AuthorId;

    public static bool IsOperator(ClaimsPrincipal user, Review review) => user.IsAdmin() || user.GetOperatorId() == review.OperatorId;

    /// <summary>A hidden review exists only for its author, its operator and admins.</summary>
    public static bool CanSee(ClaimsPrincipal user, Review review) => !review.Hidden || IsAuthor(user, review) || IsOperator(user, review);
}
