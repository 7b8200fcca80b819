using KamHub.Web.Api;

namespace KamHub.Web.Pages.Console;

/// <param name="Section">reported or recent: a review can be in both lists, so its inputs' ids carry the list's name.</param>
/// <param name="Reason">What was typed when this review's form was refused.</param>
internal sealed record ModeratedReview(ReviewView Review, string Section, FieldErrors Errors, string? Reason);
