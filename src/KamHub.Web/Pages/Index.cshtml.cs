using KamHub.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages;

/// <summary>Home: search with the API's filters and keyset "more" paging (the cursor travels in the link).</summary>
internal sealed class IndexModel(KamHubApi api) : PageModel
{
    public const int PageSize = 12;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? Seats { get; set; }
    [BindProperty(SupportsGet = true)] public long? MaxPrice { get; set; }
    [BindProperty(SupportsGet = true)] public string? Difficulty { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? MinRating { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<TourView> Tours { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public ApiProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new QueryString().Add("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in Filters().Append(("cursor", Cursor)))
            if (!string.IsNullOrWhiteSpace(value)) query = query.Add(name, value);
        var result = await api.GetAsync<Page<TourView>>("/api/tours" + query, ct);
        if (!result.Ok)
        {
            Problem = result.Problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Tours = result.Value!.Items;
        NextCursor = result.Value.NextCursor;
    }

    /// <summary>The search as the API names it; max price is typed in whole units and sent in minor units.</summary>
    public IEnumerable<(string Name, string? Value)> Filters() =>
    [
        ("q", Q), ("from", From), ("to", To), ("seats", Seats?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("maxPrice", (MaxPrice * 100)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("difficulty", Difficulty),
        ("sort", Sort), ("minRating", MinRating),
    ];

    public string MoreLink()
    {
        var query = new QueryString();
        foreach (var (name, value) in Filters().Append(("cursor", NextCursor)))
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            query = query.Add(name == "maxPrice" ? "maxPrice" : name, name == "maxPrice" ? MaxPrice!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : value);
        }

        return "/" + query;
    }
}
