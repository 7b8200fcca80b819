using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Tours;

/// <summary>
/// A tour: description, prices, cancellation policy and its upcoming departures with seats left and its newest reviews
/// (Discovery + Booking + Engagement APIs). Signed-in visitors mark a review helpful or report it (forms with
/// anti-forgery); anonymous ones get a sign-in link instead, so their page sets no anti-forgery cookie.
/// </summary>
internal sealed class TourModel(KamHubApi api) : PageModel
{
    [BindProperty] public string? ReportReason { get; set; }

    /// <summary>The review whose report or vote was refused: its form shows why.</summary>
    public Guid? Refused { get; private set; }

    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    /// <summary>The review just reported (from the redirect's query), thanked for under it.</summary>
    [BindProperty(SupportsGet = true, Name = "reported")] public Guid? Reported { get; set; }

    public TourView Tour { get; private set; } = null!;
    public IReadOnlyList<DepartureView> Departures { get; private set; } = [];
    public IReadOnlyList<ReviewView> Reviews { get; private set; } = [];

    /// <summary>The newest reviews the tour page shows; the rest stay behind the API's cursor.</summary>
    public const int ReviewCount = 5;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public Task<IActionResult> OnPostHelpfulAsync(string slug, Guid reviewId, CancellationToken ct) =>
        ReactAsync(slug, reviewId, $"/api/reviews/{reviewId}/helpful", null, ct);

    public Task<IActionResult> OnPostReportAsync(string slug, Guid reviewId, CancellationToken ct) =>
        ReactAsync(slug, reviewId, $"/api/reviews/{reviewId}/report", new { reason = string.IsNullOrWhiteSpace(ReportReason) ? null : ReportReason }, ct);

    private async Task<IActionResult> ReactAsync(string slug, Guid reviewId, string path, object? body, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var result = await api.PostAsync<object>(path, body, ct);
        var back = $"/tours/{Uri.EscapeDataString(slug)}";
        if (result.Done) return Redirect(body is null ? $"{back}#review-{reviewId}" : $"{back}?reported={reviewId}#review-{reviewId}");
        if (await LoadAsync(slug, ct) is { } missing) return missing;
        Refused = reviewId;
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var tour = await api.GetAsync<TourView>($"/api/tours/{Uri.EscapeDataString(slug)}", ct);
        if (!tour.Ok) return StatusCode(tour.Status == 404 ? 404 : 502);
        Tour = tour.Value!;
        // Independent reads: asked together, the page waits for the slower one only.
        var departures = api.GetAsync<List<DepartureView>>($"/api/tours/{Tour.Id}/departures", ct);
        // Reviews are asked for even when the tour's rating (Discovery's copy, updated by an event) counts none yet: a review
        // just written shows on the page its writer is sent to.
        var reviews = api.GetAsync<Page<ReviewView>>($"/api/tours/{Tour.Id}/reviews?limit={ReviewCount}", ct);
        Departures = (await departures).Value ?? [];
        Reviews = (await reviews).Value?.Items ?? [];
        return null;
    }

    /// <summary>The policy a booking made now copies: the first departure's (it carries the tour's or the default when it has none).</summary>
    public PolicyView? Policy => Departures.FirstOrDefault()?.CancellationPolicy ?? Tour.CancellationPolicy;
}
