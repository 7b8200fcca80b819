namespace KamHub.Web.Api;

/// <summary>What the API answered: a value on 2xx, else its problem.</summary>
internal sealed record ApiResult<T>(int Status, T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null && Value is not null;

    /// <summary>Accepted, with or without a body (204 No Content).</summary>
    public bool Done => Problem is null;

    /// <summary>What to tell the person when it was refused: the problem's detail, else its title.</summary>
    public string? Why => Problem?.Detail ?? Problem?.Title;
}
