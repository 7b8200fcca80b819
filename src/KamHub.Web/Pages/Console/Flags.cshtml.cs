using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>Feature flags (the flags admin API): on or off for everyone; rollout rules stay in the API.</summary>
internal sealed class FlagsModel(KamHubApi api) : PageModel
{
    public IReadOnlyList<FlagView> Flags { get; private set; } = [];
    public string? Failure { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string name, bool enabled, CancellationToken ct)
    {
        var result = await api.PutAsync<FlagView>($"/api/admin/flags/{Uri.EscapeDataString(name)}", new { enabled }, ct);
        if (result.Done) return Redirect("/console/flags");
        Failure = result.Why;
        Response.StatusCode = result.PageStatus;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Flags = (await api.GetAsync<List<FlagView>>("/api/admin/flags", ct)).Value ?? [];
}
