using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>
/// Agencies (Partners' <c>/api/admin/agencies</c>): each with its members; an admin creates one, adds agent accounts by
/// e-mail (optionally as managers) and removes them. The API's refusals show under the form they came from.
/// </summary>
internal sealed class AgenciesModel(KamHubApi api) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ContactEmail { get; set; }
    [BindProperty] public string? ManagerEmail { get; set; }
    [BindProperty] public string? MemberEmail { get; set; }
    [BindProperty] public bool Manager { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<AgencyView> Agencies { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    /// <summary>The agency whose member form the errors belong to; null for the creation form.</summary>
    public Guid? ErrorsOf { get; private set; }
    public string? Failure { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done is "agency-created" or "member-added" or "member-removed" ? done : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await api.PostAsync<AgencyView>("/api/admin/agencies",
            new { name = Name?.Trim(), contactEmail = ContactEmail?.Trim(), managerEmail = string.IsNullOrWhiteSpace(ManagerEmail) ? null : ManagerEmail.Trim() }, ct);
        if (result.Ok) return Redirect("/console/agencies?done=agency-created");
        return await RefusedAsync(result.PageStatus, result.Problem!, null, ct);
    }

    public async Task<IActionResult> OnPostAddMemberAsync(Guid agencyId, CancellationToken ct)
    {
        var result = await api.PostAsync<AgencyMemberView>($"/api/admin/agencies/{agencyId}/members", new { email = MemberEmail?.Trim(), manager = Manager }, ct);
        if (result.Ok) return Redirect("/console/agencies?done=member-added");
        return await RefusedAsync(result.PageStatus, result.Problem!, agencyId, ct);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid agencyId, Guid userId, CancellationToken ct)
    {
        var result = await api.DeleteAsync($"/api/admin/agencies/{agencyId}/members/{userId}", ct);
        if (result.Done) return Redirect("/console/agencies?done=member-removed");
        return await RefusedAsync(result.PageStatus, result.Problem!, agencyId, ct);
    }

    private async Task<IActionResult> RefusedAsync(int status, ApiProblem problem, Guid? agencyId, CancellationToken ct)
    {
        Errors = new FieldErrors(problem.Errors);
        ErrorsOf = agencyId;
        Failure = Errors.Any ? null : problem.Detail ?? problem.Title;
        Response.StatusCode = status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var page = await api.GetAsync<Page<AgencyView>>("/api/admin/agencies?limit=50" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor)), ct);
        Agencies = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
        Failure ??= page.Why;
    }
}
