using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>
/// The reviews of the operator's tours (Engagement's <c>GET /api/operator/reviews</c>), newest first, hidden ones with the
/// moderator's reason, each answered once, publicly (<c>POST /api/reviews/{id}/reply</c>); 50 a page, the API's cursor in
/// the "more" link.
/// </summary>
internal sealed class ReviewsModel(KamHubApi api) : PageModel
{
    private const int Shown = 50;

    [BindProperty] public string? Text { get; set; }

    /// <summary>Where the page starts (the API's <c>nextCursor</c> of the page before); null for the newest.</summary>
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public string? NextCursor { get; private set; }

    public IReadOnlyList<ReviewView> Reviews { get; private set; } = [];
    public IReadOnlyDictionary<Guid, TourView> Tours { get; private set; } = new Dictionary<Guid, TourView>();
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    /// <summary>The review whose reply was refused: its form shows what was typed and why.</summary>
    public Guid? Refused { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>The query that keeps the page where it is after a reply.</summary>
    private string Here => Cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(Cursor);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostReplyAsync(Guid reviewId, CancellationToken ct)
    {
        var result = await api.PostAsync<ReviewView>($"/api/reviews/{reviewId}/reply", new { text = Text }, ct);
        if (result.Ok) return Redirect($"/desk/reviews{Here}#review-{reviewId}");
        Refused = reviewId;
        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The reviews and the operator's tours (for their titles) in two calls at once, not one call per reviewed tour.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var reviews = api.GetAsync<Page<ReviewView>>($"/api/operator/reviews?limit={Shown}" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor)), ct);
        var tours = api.GetAsync<List<TourView>>("/api/operator/tours", ct);
        var page = await reviews;
        Reviews = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
        Tours = ((await tours).Value ?? []).ToDictionary(t => t.Id);
    }
}
