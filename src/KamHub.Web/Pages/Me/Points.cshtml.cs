using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Me;

/// <summary>The signed-in user's loyalty points (Engagement's <c>GET /api/me/points</c>): the balance, when which part lapses, and any debt (points spent beyond the balance).</summary>
internal sealed class PointsModel(KamHubApi api) : PageModel
{
    public PointsView Points { get; private set; } = new(0, []);

    public async Task OnGetAsync(CancellationToken ct) => Points = (await api.GetAsync<PointsView>("/api/me/points", ct)).Value ?? Points;
}
