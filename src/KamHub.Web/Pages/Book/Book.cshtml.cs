using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Book;

/// <summary>
/// The booking form. The Idempotency-Key is made once per form and travels in it, so a double click or a re-sent form
/// finds the same booking instead of holding seats twice. An agent books here for a client (ADR 0023): the contact is the
/// client's, and a client with a tourist account may be named by its id so that it sees the booking too; the API decides
/// whether the agent's grant covers the tour (403 otherwise).
/// </summary>
internal sealed class BookModel(KamHubApi api) : PageModel
{
    [BindProperty] public int? Adults { get; set; } = 2;
    [BindProperty] public int? Children { get; set; }
    [BindProperty] public string? Participants { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? ClientUserId { get; set; }

    public DepartureView Departure { get; private set; } = null!;
    public TourView Tour { get; private set; } = null!;
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }
    public bool IsAgent => User.IsInRole("Agent");

    public async Task<IActionResult> OnGetAsync(Guid departureId, CancellationToken ct)
    {
        if (await LoadAsync(departureId, ct) is { } missing) return missing;
        // An agent types the client's address, not its own.
        if (!IsAgent) Email = User.FindFirst("email")?.Value;
        Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid departureId, CancellationToken ct)
    {
        if (await LoadAsync(departureId, ct) is { } missing) return missing;
        Key = string.IsNullOrWhiteSpace(Key) ? Guid.NewGuid().ToString("N") : Key;
        var names = (Participants ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var body = new Dictionary<string, object?>
        {
            ["departureId"] = departureId,
            ["adults"] = Adults,
            ["children"] = Children ?? 0,
            ["participants"] = names.Select(n => new { name = n }).ToArray(),
            ["contact"] = new { email = Email, phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone },
        };
        if (IsAgent && !string.IsNullOrWhiteSpace(ClientUserId))
        {
            if (!Guid.TryParse(ClientUserId.Trim(), out var client))
            {
                Errors = new FieldErrors(new Dictionary<string, string[]> { ["clientUserId"] = [Localization.UiText.T("must-be-account")] });
                Response.StatusCode = 400;
                return Page();
            }

            body["clientUserId"] = client;
        }

        var result = await api.PostAsync<BookingView>("/api/bookings", body, ct, Key);
        if (result.Ok) return Redirect($"/bookings/{result.Value!.Id}/pay");

        Errors = new FieldErrors(result.Problem!.Errors);
        Failure = Errors.Any ? null : result.Problem.Detail ?? result.Problem.Title;
        // This attempt's key is spent (or refused): a corrected form is a new attempt.
        if (result.Status == 422) Key = Guid.NewGuid().ToString("N");
        Response.StatusCode = result.Status is 400 or 403 or 409 or 422 ? result.Status : 400;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid departureId, CancellationToken ct)
    {
        var departure = await api.GetAsync<DepartureView>($"/api/departures/{departureId}", ct);
        if (!departure.Ok) return NotFound();
        Departure = departure.Value!;
        var tour = await api.GetAsync<TourView>($"/api/tours/{Departure.TourId}", ct);
        if (!tour.Ok) return NotFound();
        Tour = tour.Value!;
        return null;
    }
}
