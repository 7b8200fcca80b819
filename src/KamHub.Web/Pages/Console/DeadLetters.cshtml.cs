using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>Events a subscriber gave up on: retry (after the cause is fixed) or discard, each through the bus's admin API.</summary>
internal sealed class DeadLettersModel(KamHubApi api) : PageModel
{
    public IReadOnlyList<DeadLetterView> DeadLetters { get; private set; } = [];
    public string? Failure { get; private set; }

    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(string id, CancellationToken ct)
    {
        var result = await api.PostAsync<object>($"/api/admin/dead-letters/{Uri.EscapeDataString(id)}/retry", null, ct);
        return await AfterAsync(result, T("retried", id), ct);
    }

    public async Task<IActionResult> OnPostDiscardAsync(string id, CancellationToken ct)
    {
        var result = await api.DeleteAsync($"/api/admin/dead-letters/{Uri.EscapeDataString(id)}", ct);
        return await AfterAsync(result, T("discarded", id), ct);
    }

    private async Task<IActionResult> AfterAsync(ApiResult<object> result, string done, CancellationToken ct)
    {
        if (result.Done)
        {
            Done = done;
            return Redirect("/console/dead-letters");
        }

        Failure = result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        DeadLetters = (await api.GetAsync<List<DeadLetterView>>("/api/admin/dead-letters?limit=200", ct)).Value ?? [];

    private static string T(string key, params object[] args) => Localization.UiText.T(key, args);
}
