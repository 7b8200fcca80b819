using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Agent;

/// <summary>
/// A signed-in agent's sales (Booking's <c>GET /api/agent/bookings</c>): each booking with its commission and the totals per
/// month, and the commission account per currency (Payments' <c>GET /api/agent/balance</c>). A member of an agency also sees
/// the agency (Partners' <c>GET /api/agent/agency</c>), its totals per month (<c>GET /api/agent/agency/bookings</c>) and its account.
/// </summary>
internal sealed class SalesModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    [BindProperty] public string? MemberEmail { get; set; }
    [BindProperty] public bool Manager { get; set; }

    public IReadOnlyList<AgentSaleView> Sales { get; private set; } = [];
    public IReadOnlyList<AgentMonthView> Months { get; private set; } = [];
    public IReadOnlyList<AgentBalanceView> Balances { get; private set; } = [];

    /// <summary>The agent's agency with its members, null outside one.</summary>
    public MyAgencyView? Agency { get; private set; }
    public IReadOnlyList<AgentMonthView> AgencyMonths { get; private set; } = [];
    public IReadOnlyList<AgentBalanceView> AgencyBalances { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> TourTitles { get; private set; } = new Dictionary<Guid, string>();
    public string? NextCursor { get; private set; }
    public string? Failure { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done is "member-added" or "member-removed" ? done : null;
        await LoadAsync(ct);
    }

    /// <summary>A manager adds an agent to the agency by e-mail (the API refuses anyone else).</summary>
    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken ct)
    {
        var result = await api.PostAsync<AgencyMemberView>("/api/agent/agency/members", new { email = MemberEmail?.Trim(), manager = Manager }, ct);
        if (result.Ok) return Redirect("/agent?done=member-added");
        return await RefusedAsync(result.PageStatus, result.Problem!, ct);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid userId, CancellationToken ct)
    {
        var result = await api.DeleteAsync($"/api/agent/agency/members/{userId}", ct);
        if (result.Done) return Redirect("/agent?done=member-removed");
        return await RefusedAsync(result.PageStatus, result.Problem!, ct);
    }

    private async Task<IActionResult> RefusedAsync(int status, ApiProblem problem, CancellationToken ct)
    {
        Errors = new FieldErrors(problem.Errors);
        await LoadAsync(ct);
        Failure = Errors.Any ? null : problem.Detail ?? problem.Title;
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var path = "/api/agent/bookings?limit=50" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor));
        var sales = api.GetAsync<AgentSalesView>(path, ct);
        var balance = api.GetAsync<AgentBalancesView>("/api/agent/balance", ct);
        var agency = api.GetAsync<MyAgencyView>("/api/agent/agency", ct);
        var agencySales = api.GetAsync<AgencySalesView>("/api/agent/agency/bookings?limit=1", ct);
        var sold = await sales;
        // Outside an agency both agency calls answer 404: the page simply has no agency part.
        Agency = (await agency).Value;
        AgencyMonths = (await agencySales).Value?.Months ?? [];
        AgencyBalances = (await balance).Value?.Agency?.Currencies ?? [];
        Failure = sold.Why ?? (await balance).Why;
        Sales = sold.Value?.Items ?? [];
        Months = sold.Value?.Months ?? [];
        NextCursor = sold.Value?.NextCursor;
        Balances = (await balance).Value?.Currencies ?? [];
        // The tours' titles, each asked once (a page of sales is mostly a few tours).
        var titles = await Task.WhenAll(Sales.Select(s => s.TourId).Distinct().Select(async id => (id, tour: await api.GetAsync<TourView>($"/api/tours/{id}", ct))));
        TourTitles = titles.Where(t => t.tour.Ok).ToDictionary(t => t.id, t => t.tour.Value!.Title.Local);
    }
}
