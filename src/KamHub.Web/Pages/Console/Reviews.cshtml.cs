using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// Review moderation (Engagement's admin API): the reviews someone reported and the newest ones, each hidden (it leaves
/// the tour's list and its rating) or restored with a reason that is kept on the review.
/// </summary>
internal sealed class ReviewsModel(KamHubApi api) : PageModel
{
    private const int Shown = 50;

    [BindProperty] public string? Reason { get; set; }

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
        if (result.Ok) return Redirect($"/console/reviews#review-{reviewId}");
        Refused = reviewId;
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var reported = api.GetAsync<Page<ReviewView>>($"/api/admin/reviews/reported?limit={Shown}", ct);
        var recent = api.GetAsync<Page<ReviewView>>($"/api/admin/reviews?limit={Shown}", ct);
        Reported = (await reported).Value?.Items ?? [];
        Recent = (await recent).Value?.Items ?? [];
    }
}
