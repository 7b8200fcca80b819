using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Agent;

/// <summary>
/// A signed-in agent's sales (Booking's <c>GET /api/agent/bookings</c>): each booking with its commission and the totals per
/// month, and the commission account per currency (Payments' <c>GET /api/agent/balance</c>).
/// </summary>
internal sealed class SalesModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<AgentSaleView> Sales { get; private set; } = [];
    public IReadOnlyList<AgentMonthView> Months { get; private set; } = [];
    public IReadOnlyList<AgentBalanceView> Balances { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> TourTitles { get; private set; } = new Dictionary<Guid, string>();
    public string? NextCursor { get; private set; }
    public string? Failure { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var path = "/api/agent/bookings?limit=50" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor));
        var sales = api.GetAsync<AgentSalesView>(path, ct);
        var balance = api.GetAsync<AgentBalancesView>("/api/agent/balance", ct);
        var sold = await sales;
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
