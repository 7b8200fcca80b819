using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Bookings;

/// <summary>"My bookings", newest first, with "more" paging by the API's cursor.</summary>
internal sealed class MineModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<BookingView> Bookings { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var path = "/api/me/bookings?limit=20" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor));
        var page = await api.GetAsync<Page<BookingView>>(path, ct);
        Bookings = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
    }
}
