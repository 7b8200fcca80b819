using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>Notifications that did not go out (dead by default, or any status), with resend through the Notifications admin API.</summary>
internal sealed class NotificationsModel(KamHubApi api) : PageModel
{
    public static readonly string[] Statuses = ["dead", "failed", "queued", "sent", "cancelled", "skipped"];

    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "dead";
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<DeliveryView> Deliveries { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public string? Failure { get; private set; }

    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct)
    {
        var result = await api.PostAsync<DeliveryView>($"/api/admin/notifications/{id}/resend", null, ct);
        if (result.Done)
        {
            Done = Localization.UiText.T("resent", id);
            return Redirect($"/console/notifications?status={Uri.EscapeDataString(Status)}");
        }

        Failure = result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!Statuses.Contains(Status)) Status = "dead";
        var page = await api.GetAsync<Page<DeliveryView>>($"/api/admin/notifications?limit=50&status={Status}" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor)), ct);
        Deliveries = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
    }
}
