using KamHub.Web.Api;

namespace KamHub.Web.Pages.Console;

/// <param name="Section">reported or recent: a review can be in both lists, so its inputs' ids carry the list's name.</param>
/// <param name="Reason">What was typed when this review's form was refused.</param>
/// <param name="ReportedCursor">Where the page's lists start, kept by the form so the page stays where it was.</param>
internal sealed record ModeratedReview(ReviewView Review, string Section, FieldErrors Errors, string? Reason, string? ReportedCursor = null,
    string? RecentCursor = null);
