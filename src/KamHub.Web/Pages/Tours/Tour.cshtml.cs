using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Tours;

/// <summary>A tour: description, prices, cancellation policy and its upcoming departures with seats left and its newest reviews (Discovery + Booking + Engagement APIs).</summary>
internal sealed class TourModel(KamHubApi api) : PageModel
{
    public TourView Tour { get; private set; } = null!;
    public IReadOnlyList<DepartureView> Departures { get; private set; } = [];
    public IReadOnlyList<ReviewView> Reviews { get; private set; } = [];

    /// <summary>The newest reviews the tour page shows; the rest stay behind the API's cursor.</summary>
    public const int ReviewCount = 5;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
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
        return Page();
    }

    /// <summary>The policy a booking made now copies: the first departure's (it carries the tour's or the default when it has none).</summary>
    public PolicyView? Policy => Departures.FirstOrDefault()?.CancellationPolicy ?? Tour.CancellationPolicy;
}
