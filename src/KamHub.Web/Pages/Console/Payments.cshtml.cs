using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>A booking's payments with their refunds (the Payments admin API looks them up by booking).</summary>
internal sealed class PaymentsModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Booking { get; set; }

    public IReadOnlyList<PaymentRowView> Payments { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Booking)) return;
        var result = await api.GetAsync<ItemsView<PaymentRowView>>($"/api/admin/payments?booking={Uri.EscapeDataString(Booking.Trim())}", ct);
        Payments = result.Value?.Items ?? [];
        if (result.Problem is { } problem)
        {
            Errors = new FieldErrors(problem.Errors);
            Response.StatusCode = 400;
        }
    }
}
