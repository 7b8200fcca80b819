using System.Globalization;
using System.Text.Json.Nodes;
using KamHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KamHub.Web.Pages.Desk;

/// <summary>
/// Create a tour (a draft) or edit one. The API's PUT replaces every editable field, so an edit starts from the tour as
/// the API has it and changes only what this form shows: photos, season and policy survive it.
/// Prices are typed in major units (1 500,50) and sent in minor units.
/// </summary>
internal sealed class TourEditModel(KamHubApi api) : PageModel
{
    [BindProperty] public string? TitleEn { get; set; }
    [BindProperty] public string? TitleRu { get; set; }
    [BindProperty] public string? DescriptionEn { get; set; }
    [BindProperty] public string? DescriptionRu { get; set; }
    [BindProperty] public string? Region { get; set; } = "kamchatka";
    [BindProperty] public string? DurationMinutes { get; set; }
    [BindProperty] public string? Price { get; set; }
    [BindProperty] public string? ChildPrice { get; set; }
    [BindProperty] public string? Currency { get; set; } = "RUB";
    [BindProperty] public string? MaxGroupSize { get; set; }
    [BindProperty] public string? Difficulty { get; set; } = "moderate";
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public string? MeetingPoint { get; set; }

    /// <summary>The season's first and last month (1..12; both or neither); the tour may run across the new year (11 → 3).</summary>
    [BindProperty] public string? SeasonFrom { get; set; }
    [BindProperty] public string? SeasonTo { get; set; }

    /// <summary>Photo URLs, one a line.</summary>
    [BindProperty] public string? Photos { get; set; }

    /// <summary>The refund tiers, one a line ("7d 100%", "48h 50%"); empty: the platform's default policy.</summary>
    [BindProperty] public string? Policy { get; set; }

    public bool Editing { get; private set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is not { } tourId) return Page();
        var tour = await api.GetAsync<TourView>($"/api/tours/{tourId}", ct);
        if (!tour.Ok) return NotFound();
        Editing = true;
        var t = tour.Value!;
        (TitleEn, TitleRu, DescriptionEn, DescriptionRu, Region) = (t.Title.En, t.Title.Ru, t.Description.En, t.Description.Ru, t.Region);
        DurationMinutes = t.DurationMinutes.ToString(CultureInfo.InvariantCulture);
        Price = Major(t.BasePrice);
        ChildPrice = t.ChildPrice is { } child ? Major(child) : null;
        (Currency, Difficulty) = (t.Currency, t.Difficulty);
        MaxGroupSize = t.MaxGroupSize.ToString(CultureInfo.InvariantCulture);
        Tags = string.Join(", ", t.Tags);
        MeetingPoint = t.MeetingPoint is { } point ? string.Create(CultureInfo.InvariantCulture, $"{point.Lat}, {point.Lon}") : null;
        Policy = t.CancellationPolicy is { } policy ? PolicyLines.Write(policy) : null;
        (SeasonFrom, SeasonTo) = t.Season is { } season
            ? (season.FromMonth.ToString(CultureInfo.InvariantCulture), season.ToMonth.ToString(CultureInfo.InvariantCulture))
            : (null, null);
        Photos = t.Photos is { Count: > 0 } photos ? string.Join("\n", photos) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Editing = id is not null;
        var errors = new Dictionary<string, string[]>();
        var body = new JsonObject();
        if (id is { } existing && !(await api.GetAsync<JsonObject>($"/api/tours/{existing}", ct)).Ok) return NotFound();

        body["title"] = new JsonObject { ["en"] = TitleEn, ["ru"] = TitleRu };
        body["description"] = new JsonObject { ["en"] = Blank(DescriptionEn), ["ru"] = Blank(DescriptionRu) };
        body["region"] = Region;
        body["durationMinutes"] = Whole(DurationMinutes, "durationMinutes", errors);
        body["basePrice"] = Minor(Price, "basePrice", errors);
        body["childPrice"] = string.IsNullOrWhiteSpace(ChildPrice) ? null : Minor(ChildPrice, "childPrice", errors);
        body["currency"] = Currency?.Trim().ToUpperInvariant();
        body["maxGroupSize"] = Whole(MaxGroupSize, "maxGroupSize", errors);
        body["difficulty"] = Difficulty;
        body["tags"] = new JsonArray((Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(tag => (JsonNode?)JsonValue.Create(tag)).ToArray());
        body["meetingPoint"] = Point(MeetingPoint, errors);
        body["cancellationPolicy"] = PolicyLines.Read(Policy, errors);
        body["season"] = SeasonOf(errors);
        body["photos"] = new JsonArray((Photos ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(url => (JsonNode)JsonValue.Create(url)).ToArray());
        if (errors.Count > 0) return Refused(400, new ApiProblem(400, null, null, errors));

        var result = id is { } tourId ? await api.PutAsync<TourView>($"/api/tours/{tourId}", body, ct) : await api.PostAsync<TourView>("/api/tours", body, ct);
        if (result.Ok) return Redirect($"/desk/tours/{result.Value!.Id}");
        return Refused(result.Status, result.Problem!);
    }

    private PageResult Refused(int status, ApiProblem problem)
    {
        Errors = new FieldErrors(problem.Errors);
        Failure = Errors.Any ? null : problem.Detail ?? problem.Title;
        Response.StatusCode = status is 400 or 403 or 404 or 409 or 422 ? status : 400;
        return Page();
    }

    /// <summary>Both months or neither (no season: all year); one alone is an error on the missing one.</summary>
    private JsonObject? SeasonOf(Dictionary<string, string[]> errors)
    {
        var from = int.TryParse(SeasonFrom, NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : (int?)null;
        var to = int.TryParse(SeasonTo, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        if (from is null && to is null) return null;
        if (from is null) errors["season.fromMonth"] = [UiText("season-both")];
        if (to is null) errors["season.toMonth"] = [UiText("season-both")];
        return from is null || to is null ? null : new JsonObject { ["fromMonth"] = from, ["toMonth"] = to };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Major(long minor) => (minor / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A number typed with either decimal separator, to minor units; a field error (in the API's words) when it is not one.</summary>
    private static long? Minor(string? typed, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (decimal.TryParse(typed.Trim().Replace(',', '.').Replace(" ", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var major)
            && major >= 0 && major <= 1_000_000_000)
            return (long)Math.Round(major * 100m, MidpointRounding.AwayFromZero);
        errors[key] = [UiText("must-be-amount")];
        return null;
    }

    /// <summary>"53.01, 158.65" (latitude, longitude) to the API's point; the API checks the ranges.</summary>
    private static JsonObject? Point(string? typed, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var parts = typed.Split(',', ';').Select(p => p.Trim()).ToArray();
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            return new JsonObject { ["lat"] = lat, ["lon"] = lon };
        errors["meetingPoint"] = [UiText("must-be-point")];
        return null;
    }

    private static int? Whole(string? typed, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (int.TryParse(typed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors[key] = [UiText("must-be-whole")];
        return null;
    }

    private static string UiText(string key) => Localization.UiText.T(key);
}
