using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Bookings;

/// <summary>
/// Checkout. A real provider's hosted page is where the tourist is sent; the sandbox's buttons are pressed from here
/// (through the sandbox's public endpoint, as a script would), so the tourist comes back to the confirmation page.
/// </summary>
internal sealed class PayModel(KamHubApi api) : PageModel
{
    public BookingView Booking { get; private set; } = null!;
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (Booking.Payment is not { Status: "pending" } payment) return Redirect($"/bookings/{id}");
        if (payment.Provider != "sandbox" && payment.RedirectUrl is { } hosted) return Redirect(hosted);
        return Page();
    }

    public Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct) => PressAsync(id, "pay", ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct) => PressAsync(id, "decline", ct);

    private async Task<IActionResult> PressAsync(Guid id, string button, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (Booking.Payment is not { Status: "pending", Provider: "sandbox" } payment) return Redirect($"/bookings/{id}");
        var pressed = await api.PostAsync<System.Text.Json.JsonElement>($"/pay/sandbox/{payment.Id}/{button}", null, ct);
        if (pressed.Ok || pressed.Status == 409) return Redirect($"/bookings/{id}");
        Failure = pressed.Problem?.Detail ?? pressed.Problem?.Title;
        Response.StatusCode = 502;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var booking = await api.GetAsync<BookingView>($"/api/bookings/{id}", ct);
        if (!booking.Ok) return booking.Status == 403 ? Forbid() : NotFound();
        Booking = booking.Value!;
        return null;
    }
}
