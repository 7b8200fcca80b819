using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// Review moderation (Engagement's admin API): the reviews someone reported and the newest ones, each hidden (it leaves
/// the tour's list and its rating) or restored with a reason that is kept on the review. Each list shows 50 and pages on
/// with its own cursor (<c>reportedCursor</c>, <c>recentCursor</c>: the API's <c>nextCursor</c>), the other list staying where it is.
/// </summary>
internal sealed class ReviewsModel(KamHubApi api) : PageModel
{
    private const int Shown = 50;

    [BindProperty] public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReportedCursor { get; set; }
    [BindProperty(SupportsGet = true)] public string? RecentCursor { get; set; }

    /// <summary>The link to each list's next page (by list name: reported, recent); none on its last page.</summary>
    public IReadOnlyDictionary<string, string> More { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<ReviewView> Reported { get; private set; } = [];
    public IReadOnlyList<ReviewView> Recent { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    /// <summary>The review whose form was refused: its reason field shows what was typed and the error.</summary>
    public Guid? Refused { get; private set; }

    public string? Failure { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostHideAsync(Guid reviewId, CancellationToken ct) => ModerateAsync(reviewId, "hide", ct);

    public Task<IActionResult> OnPostRestoreAsync(Guid reviewId, CancellationToken ct) => ModerateAsync(reviewId, "restore", ct);

    private async Task<IActionResult> ModerateAsync(Guid reviewId, string action, CancellationToken ct)
    {
        var result = await api.PostAsync<ReviewView>($"/api/admin/reviews/{reviewId}/{action}", new { reason = Reason }, ct);
        if (result.Ok) return Redirect(Link(ReportedCursor, RecentCursor) + $"#review-{reviewId}");
        Refused = reviewId;
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var reported = api.GetAsync<Page<ReviewView>>($"/api/admin/reviews/reported?limit={Shown}" + From(ReportedCursor), ct);
        var recent = api.GetAsync<Page<ReviewView>>($"/api/admin/reviews?limit={Shown}" + From(RecentCursor), ct);
        var (reportedPage, recentPage) = ((await reported).Value, (await recent).Value);
        Reported = reportedPage?.Items ?? [];
        Recent = recentPage?.Items ?? [];
        var more = new Dictionary<string, string>();
        if (reportedPage?.NextCursor is { } nextReported) more["reported"] = Link(nextReported, RecentCursor);
        if (recentPage?.NextCursor is { } nextRecent) more["recent"] = Link(ReportedCursor, nextRecent);
        More = more;
    }

    private static string From(string? cursor) => cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor);

    private static string Link(string? reported, string? recent)
    {
        var query = string.Join("&", new[] { ("reportedCursor", reported), ("recentCursor", recent) }
            .Where(p => p.Item2 is not null).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
        return "/console/reviews" + (query.Length == 0 ? "" : "?" + query);
    }
}
