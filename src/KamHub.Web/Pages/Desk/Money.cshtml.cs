using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>The operator's balance per currency (what was sold, the commission, refunds, paid out, owed) and its payouts.</summary>
internal sealed class MoneyModel(KamHubApi api) : PageModel
{
    public IReadOnlyList<OperatorBalanceView> Balances { get; private set; } = [];
    public IReadOnlyList<PayoutView> Payouts { get; private set; } = [];
    public string? Failure { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var balance = await api.GetAsync<OperatorBalancesView>("/api/operator/balance", ct);
        Balances = balance.Value?.Currencies ?? [];
        Failure = balance.Why;
        Payouts = (await api.GetAsync<Page<PayoutView>>("/api/operator/payouts?limit=50", ct)).Value?.Items ?? [];
    }
}
