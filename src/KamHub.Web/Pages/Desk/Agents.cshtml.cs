using System.Globalization;
using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>
/// The organisation's agents (Partners' <c>/api/operator/agents</c>): who (an agent, or an agency's members) may sell which
/// tours at what commission and until when, granted and revoked from here. Validity is typed in whole UTC days, the end day included (as payouts).
/// </summary>
internal sealed class AgentsModel(KamHubApi api) : PageModel
{
    [BindProperty] public string GrantTo { get; set; } = "agent";
    [BindProperty] public string? AgentEmail { get; set; }
    [BindProperty] public Guid? AgencyId { get; set; }
    [BindProperty] public string? CommissionPercent { get; set; }
    [BindProperty] public string Tours { get; set; } = "all";
    [BindProperty] public List<Guid> TourIds { get; set; } = [];
    [BindProperty] public string? ValidFrom { get; set; }
    [BindProperty] public string? ValidTo { get; set; }

    public IReadOnlyList<AgentGrantView> Grants { get; private set; } = [];
    public IReadOnlyList<TourView> OwnTours { get; private set; } = [];
    public IReadOnlyList<AgencySummaryView> Agencies { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done is "granted" or "revoked" ? done : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        decimal? percent = null;
        if (decimal.TryParse(CommissionPercent?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) percent = parsed;
        else if (!string.IsNullOrWhiteSpace(CommissionPercent)) errors["commissionPercent"] = [UiText("must-be-percent")];
        var from = Day(ValidFrom, "validFrom", errors);
        var to = Day(ValidTo, "validTo", errors)?.AddDays(1);
        if (GrantTo == "agency" && AgencyId is null) errors["agencyId"] = [UiText("choose-agency")];
        if (errors.Count > 0) return await RefusedAsync(400, new ApiProblem(400, null, null, errors), ct);

        var toAgency = GrantTo == "agency";
        var body = new
        {
            // One agent by e-mail, or an agency (an unchosen agency is sent as none, and the API names the missing grantee).
            agentEmail = toAgency ? null : AgentEmail?.Trim(),
            agencyId = toAgency ? AgencyId : null,
            commissionPercent = percent,
            // "Only these tours" with none ticked is sent as an empty list, which the API names.
            tourIds = Tours == "some" ? TourIds : null,
            validFrom = from,
            validTo = to,
        };
        var result = await api.PostAsync<AgentGrantView>("/api/operator/agents", body, ct);
        if (result.Ok) return Redirect("/desk/agents?done=granted");
        return await RefusedAsync(result.Status, result.Problem!, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var result = await api.DeleteAsync($"/api/operator/agents/{id}", ct);
        if (result.Done) return Redirect("/desk/agents?done=revoked");
        return await RefusedAsync(result.Status, result.Problem!, ct);
    }

    /// <summary>The tour a grant names, by title when it is one of this organisation's tours.</summary>
    public string TourTitle(Guid id) => OwnTours.FirstOrDefault(t => t.Id == id)?.Title.Local ?? id.ToString();

    private async Task<IActionResult> RefusedAsync(int status, ApiProblem problem, CancellationToken ct)
    {
        Errors = new FieldErrors(problem.Errors);
        Failure = Errors.Any ? null : problem.Detail ?? problem.Title;
        Response.StatusCode = status is 400 or 403 or 404 or 409 or 422 ? status : 502;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var grants = api.GetAsync<Page<AgentGrantView>>("/api/operator/agents?limit=200", ct);
        var tours = api.GetAsync<List<TourView>>("/api/operator/tours", ct);
        var agencies = api.GetAsync<Page<AgencySummaryView>>("/api/operator/agencies?limit=200", ct);
        var listed = await grants;
        Agencies = ((await agencies).Value?.Items ?? []).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        Grants = listed.Value?.Items ?? [];
        Failure ??= listed.Why;
        OwnTours = ((await tours).Value ?? []).Where(t => t.Status != "archived").ToList();
    }

    private static string UiText(string key) => Localization.UiText.T(key);

    /// <summary>A date input's value as the start of that UTC day; null when empty; an error for anything else.</summary>
    private static DateTimeOffset? Day(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTime.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return new DateTimeOffset(day, TimeSpan.Zero);
        errors[field] = [UiText("must-be-day")];
        return null;
    }
}
