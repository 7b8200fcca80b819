using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Tours;

/// <summary>A tour: description, prices, cancellation policy and its upcoming departures with seats left (Discovery + Booking APIs).</summary>
internal sealed class TourModel(KamHubApi api) : PageModel
{
    public TourView Tour { get; private set; } = null!;
    public IReadOnlyList<DepartureView> Departures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var tour = await api.GetAsync<TourView>($"/api/tours/{Uri.EscapeDataString(slug)}", ct);
        if (!tour.Ok) return StatusCode(tour.Status == 404 ? 404 : 502);
        Tour = tour.Value!;
        var departures = await api.GetAsync<List<DepartureView>>($"/api/tours/{Tour.Id}/departures", ct);
        Departures = departures.Value ?? [];
        return Page();
    }

    /// <summary>The policy a booking made now copies: the first departure's (it carries the tour's or the default when it has none).</summary>
    public PolicyView? Policy => Departures.FirstOrDefault()?.CancellationPolicy ?? Tour.CancellationPolicy;
}
