using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Bookings;

/// <summary>
/// A review of a completed trip (Engagement's <c>POST /api/bookings/{id}/review</c>): stars and words; the API decides
/// whether the trip may be reviewed (completed, within its window, once), and the page shows its answer.
/// </summary>
internal sealed class ReviewModel(KamHubApi api) : PageModel
{
    [BindProperty] public int? Rating { get; set; }
    [BindProperty] public string? Text { get; set; }

    public BookingView Booking { get; private set; } = null!;
    public TourView? Tour { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var language = Localization.UiText.IsRussian ? "ru" : "en";
        var result = await api.PostAsync<ReviewView>($"/api/bookings/{id}/review", new { rating = Rating, text = Text, language }, ct);
        if (result.Ok) return Redirect(Tour is null ? $"/bookings/{id}" : $"/tours/{Uri.EscapeDataString(Tour.Slug)}#reviews");

        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.Status is 400 or 404 or 409 or 422 ? result.Status : 502;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var booking = await api.GetAsync<BookingView>($"/api/bookings/{id}", ct);
        if (!booking.Ok) return booking.Status == 403 ? Forbid() : NotFound();
        Booking = booking.Value!;
        Tour = (await api.GetAsync<TourView>($"/api/tours/{Booking.TourId}", ct)).Value;
        return null;
    }
}
