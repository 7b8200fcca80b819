using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Bookings;

/// <summary>
/// A review of a completed trip (Engagement's <c>POST /api/bookings/{id}/review</c>): stars, words and optional stars for
/// the guide, safety and value; once written, the same form changes it (<c>PATCH /api/reviews/{id}</c>) while the API's
/// edit window is open. The API decides whether the trip may be reviewed or the review changed, and the page shows its answer.
/// </summary>
internal sealed class ReviewModel(KamHubApi api) : PageModel
{
    public static readonly string[] Aspects = ["guide", "safety", "value"];

    [BindProperty] public int? Rating { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public int? GuideRating { get; set; }
    [BindProperty] public int? SafetyRating { get; set; }
    [BindProperty] public int? ValueRating { get; set; }

    public BookingView Booking { get; private set; } = null!;
    public TourView? Tour { get; private set; }

    /// <summary>The booking's review when it is written: the form edits it.</summary>
    public ReviewView? Existing { get; private set; }

    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public int? AspectRating(string aspect) => aspect switch { "guide" => GuideRating, "safety" => SafetyRating, _ => ValueRating };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (Existing is { } review)
            (Rating, Text, GuideRating, SafetyRating, ValueRating) = (review.Rating, review.Text, review.Aspects?.Guide, review.Aspects?.Safety, review.Aspects?.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var language = Localization.UiText.IsRussian ? "ru" : "en";
        var aspects = new { guide = GuideRating, safety = SafetyRating, value = ValueRating };
        var result = Existing is { } review
            ? await api.PatchAsync<ReviewView>($"/api/reviews/{review.Id}", new { rating = Rating, text = Text ?? "", language, aspects }, ct)
            : await api.PostAsync<ReviewView>($"/api/bookings/{id}/review", new { rating = Rating, text = Text, language, aspects }, ct);
        if (result.Ok) return Redirect(Tour is null ? $"/bookings/{id}" : $"/tours/{Uri.EscapeDataString(Tour.Slug)}#reviews");

        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var booking = await api.GetAsync<BookingView>($"/api/bookings/{id}", ct);
        if (!booking.Ok) return booking.Status == 403 ? Forbid() : NotFound();
        Booking = booking.Value!;
        var tour = api.GetAsync<TourView>($"/api/tours/{Booking.TourId}", ct);
        var review = Booking.Status == "completed" ? api.GetAsync<ReviewView>($"/api/bookings/{id}/review", ct) : null;
        Tour = (await tour).Value;
        Existing = review is null ? null : (await review).Value;
        return null;
    }
}
