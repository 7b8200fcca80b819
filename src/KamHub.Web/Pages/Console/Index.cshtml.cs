using System.Text.Json;
using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>The operations console (admins only): readiness of every module database and the cache, and the dead letters waiting.</summary>
internal sealed class IndexModel(KamHubApi api) : PageModel
{
    public JsonElement? Health { get; private set; }
    public int HealthStatus { get; private set; }
    public JsonElement? DeadLetters { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var health = await api.GetAsync<JsonElement>("/health/ready", ct);
        HealthStatus = health.Status;
        Health = health.Value.ValueKind == JsonValueKind.Undefined ? null : health.Value;
        var dead = await api.GetAsync<JsonElement>("/api/admin/dead-letters?limit=50", ct);
        DeadLetters = dead.Ok ? dead.Value : null;
    }
}
