using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Bookings;

/// <summary>One booking: the confirmation page after payment (with its reference), and where it is cancelled under its policy.</summary>
internal sealed class DetailModel(KamHubApi api) : PageModel
{
    public BookingView Booking { get; private set; } = null!;
    public TourView? Tour { get; private set; }
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var result = await api.PostAsync<BookingView>($"/api/bookings/{id}/cancel", new { reason = (string?)null }, ct);
        if (result.Ok) return Redirect($"/bookings/{id}");
        Failure = result.Problem!.Detail ?? result.Problem.Title;
        Response.StatusCode = result.PageStatus;
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary>A payment went through but its confirmation is still on its way (the payment event): the page looks again shortly.</summary>
    public bool Confirming => Booking.Status == "held" && Booking.Payment?.Status == "succeeded";

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var booking = await api.GetAsync<BookingView>($"/api/bookings/{id}", ct);
        if (!booking.Ok) return booking.Status == 403 ? Forbid() : NotFound();
        Booking = booking.Value!;
        Tour = (await api.GetAsync<TourView>($"/api/tours/{Booking.TourId}", ct)).Value;
        return null;
    }
}
