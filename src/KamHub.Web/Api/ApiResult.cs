namespace KamHub.Web.Api;

/// <summary>What the API answered: a value on 2xx, else its problem.</summary>
internal sealed record ApiResult<T>(int Status, T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null && Value is not null;

    /// <summary>Accepted, with or without a body (204 No Content).</summary>
    public bool Done => Problem is null;

    /// <summary>What to tell the person when it was refused: the problem's detail, else its title.</summary>
    public string? Why => Problem?.Detail ?? Problem?.Title;

    /// <summary>
    /// The status of a page that shows this refusal: the API's own 4xx (the person's request was refused, and a 429 stays
    /// a 429), anything else 502 (the API failed the page). One rule for every page, so none answers 502 for a rate limit.
    /// </summary>
    public int PageStatus => Status is >= 400 and < 500 ? Status : 502;
}
