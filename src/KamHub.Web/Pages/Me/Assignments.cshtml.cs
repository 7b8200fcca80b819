using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Me;

/// <summary>
/// A guide's (or driver's) own coming departures with who to collect where and a phone to call (Partners'
/// <c>GET /api/me/assignments</c>); a person never assigned sees an empty list.
/// </summary>
internal sealed class AssignmentsModel(KamHubApi api) : PageModel
{
    public IReadOnlyList<AssignmentView> Assignments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Assignments = (await api.GetAsync<ItemsView<AssignmentView>>("/api/me/assignments", ct)).Value?.Items ?? [];
}
