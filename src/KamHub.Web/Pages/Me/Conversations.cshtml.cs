using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Me;

/// <summary>
/// The signed-in user's conversations (Engagement's <c>GET /api/me/conversations</c>: a tourist's as booker, an operator's
/// as its organisation), most recent first with their unread counts, each leading to its booking's messages page.
/// </summary>
internal sealed class ConversationsModel(KamHubApi api) : PageModel
{
    public IReadOnlyList<ConversationView> Conversations { get; private set; } = [];
    public IReadOnlyDictionary<Guid, TourView> Tours { get; private set; } = new Dictionary<Guid, TourView>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Conversations = (await api.GetAsync<List<ConversationView>>("/api/me/conversations", ct)).Value ?? [];
        var tours = new Dictionary<Guid, TourView>();
        foreach (var tourId in Conversations.Select(c => c.TourId).Distinct())
        {
            if ((await api.GetAsync<TourView>($"/api/tours/{tourId}", ct)).Value is { } tour) tours[tourId] = tour;
        }

        Tours = tours;
    }
}
