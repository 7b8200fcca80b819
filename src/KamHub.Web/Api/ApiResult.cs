namespace KamHub.Web.Api;

/// <summary>What the API answered: a value on 2xx, else its problem.</summary>
internal sealed record ApiResult<T>(int Status, T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null && Value is not null;
}
