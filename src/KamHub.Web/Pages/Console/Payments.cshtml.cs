using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// Payments with their refunds (Payments' admin API): the newest first, filtered by status and provider and paged with
/// "more", or the payments of one booking.
/// </summary>
internal sealed class PaymentsModel(KamHubApi api) : PageModel
{
    public static readonly string[] StatusChoices = ["pending", "succeeded", "failed"];
    public static readonly string[] ProviderChoices = ["sandbox", "stripe", "yookassa", "cloudpayments"];

    [BindProperty(SupportsGet = true)] public string? Booking { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Provider { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<PaymentRowView> Payments { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    public bool ForBooking => !string.IsNullOrWhiteSpace(Booking);

    public string Filters => (string.IsNullOrWhiteSpace(Status) ? "" : "&status=" + Uri.EscapeDataString(Status))
                             + (string.IsNullOrWhiteSpace(Provider) ? "" : "&provider=" + Uri.EscapeDataString(Provider));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = ForBooking
            ? "/api/admin/payments?booking=" + Uri.EscapeDataString(Booking!.Trim())
            : "/api/admin/payments?limit=25" + Filters + (string.IsNullOrEmpty(Cursor) ? "" : "&cursor=" + Uri.EscapeDataString(Cursor));
        var result = await api.GetAsync<Page<PaymentRowView>>(query, ct);
        Payments = result.Value?.Items ?? [];
        NextCursor = result.Value?.NextCursor;
        if (result.Problem is { } problem)
        {
            Errors = new FieldErrors(problem.Errors);
            Response.StatusCode = 400;
        }
    }
}
