using KamHub.Web.Api;
using KamHub.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>One of the operator's tours: its departures with their occupancy, and a form to schedule another.</summary>
internal sealed class TourModel(KamHubApi api) : PageModel
{
    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? Capacity { get; set; }

    public TourView Tour { get; private set; } = null!;
    public IReadOnlyList<DepartureView> Departures { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        TimeZone = Formats.RegionZone(Tour.Region);
        Capacity = Tour.MaxGroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    /// <summary>Schedules a departure; the API names a bad field (startsAt, capacity, ...) and the form shows it there.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var capacity = int.TryParse(Capacity, out var seats) ? seats : (int?)null;
        var body = new { startsAt = StartsAt, timeZone = TimeZone, capacity };
        var result = await api.PostAsync<DepartureView>($"/api/tours/{id}/departures", body, ct);
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (result.Ok) return Redirect($"/desk/departures/{result.Value!.Id}");
        var errors = new Dictionary<string, string[]>(result.Problem!.Errors, StringComparer.OrdinalIgnoreCase);
        if (capacity is null && !string.IsNullOrWhiteSpace(Capacity)) errors["capacity"] = [Localization.UiText.T("must-be-whole")];
        Errors = new FieldErrors(errors);
        Failure = Errors.Any ? null : result.Why;
        Response.StatusCode = result.PageStatus;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var tour = await api.GetAsync<TourView>($"/api/tours/{id}", ct);
        if (!tour.Ok) return NotFound();
        Tour = tour.Value!;
        Departures = (await api.GetAsync<List<DepartureView>>($"/api/tours/{id}/departures", ct)).Value ?? [];
        return null;
    }
}
