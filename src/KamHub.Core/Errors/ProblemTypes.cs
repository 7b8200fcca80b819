namespace KamHub.Core.Errors;

/// <summary>Stable <c>type</c> URIs of every problem KamHub answers with; clients may switch on them.</summary>
public static class ProblemTypes
{
    private const string Base = "https://kamhub.dev/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedRequest = Base + "malformed-request";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Conflict = Base + "conflict";
    public const string Unprocessable = Base + "unprocessable";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string ServiceUnavailable = Base + "service-unavailable";
    public const string Internal = Base + "internal";

    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => Unprocessable,
        429 => TooManyRequests,
        503 => ServiceUnavailable,
        _ => Internal,
    };
}
