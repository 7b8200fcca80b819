using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>The operator desk (operators and admins only): the organisation's bookings with participants and contacts.</summary>
internal sealed class IndexModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<BookingView> Bookings { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var path = "/api/operator/bookings?limit=50" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor));
        var page = await api.GetAsync<Page<BookingView>>(path, ct);
        Bookings = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
    }
}
