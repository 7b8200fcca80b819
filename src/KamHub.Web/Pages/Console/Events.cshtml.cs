using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Console;

/// <summary>Event history with the bus's own filters (type pattern, aggregate, correlation id, module, time range), newest first, keyset-paged.</summary>
internal sealed class EventsModel(KamHubApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Types { get; set; }
    [BindProperty(SupportsGet = true)] public string? AggregateId { get; set; }
    [BindProperty(SupportsGet = true)] public string? CorrelationId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Module { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<EventView> Events { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Query(("types", Types), ("aggregateId", AggregateId), ("correlationId", CorrelationId), ("module", Module), ("from", From), ("to", To));
        var page = await api.GetAsync<EventPageView>("/api/admin/events?limit=50" + query + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor)), ct);
        Events = page.Value?.Items ?? [];
        NextCursor = page.Value?.NextCursor;
        if (page.Problem is { } problem)
        {
            Errors = new FieldErrors(problem.Errors);
            Response.StatusCode = 400;
        }
    }

    /// <summary>The filters as a query string (for the API and for the "more" link).</summary>
    public string Filters => Query(("types", Types), ("aggregateId", AggregateId), ("correlationId", CorrelationId), ("module", Module), ("from", From), ("to", To));

    private static string Query(params (string Name, string? Value)[] parameters) =>
        string.Concat(parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"&{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}"));
}
