using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>The operator desk (operators and admins only): the organisation's tours with publish/archive, and its bookings with participants and contacts.</summary>
internal sealed class IndexModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<TourView> Tours { get; private set; } = [];
    public IReadOnlyList<BookingView> Bookings { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public string? Failure { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "publish", ct);

    public Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "archive", ct);

    private async Task<IActionResult> ChangeAsync(Guid id, string action, CancellationToken ct)
    {
        var result = await api.PostAsync<TourView>($"/api/tours/{id}/{action}", null, ct);
        if (result.Done) return Redirect("/desk");
        Failure = result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Tours = (await api.GetAsync<List<TourView>>("/api/operator/tours", ct)).Value ?? [];
        var path = "/api/operator/bookings?limit=50" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor));
        var page = await api.GetAsync<Page<BookingView>>(path, ct);
        Bookings = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
    }
}
