using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KamHub.Core.Errors;

/// <summary>TypedResults for the problems endpoints return themselves (the exception handler covers the rest).</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) => Make(404, "Not found", detail);

    public static ProblemHttpResult Forbidden(string detail) => Make(403, "Forbidden", detail);

    public static ProblemHttpResult Conflict(string detail) => Make(409, "Conflict", detail);

    public static ProblemHttpResult Unauthorized(string detail) => Make(401, "Unauthorized", detail);

    public static ProblemHttpResult Unprocessable(string detail) => Make(422, "Unprocessable request", detail);

    public static ProblemHttpResult TooManyRequests(string detail) => Make(429, "Too many requests", detail);

    /// <summary>503: a service the request needs cannot answer now; the caller sets Retry-After.</summary>
    public static ProblemHttpResult Unavailable(string detail) => Make(503, "Service unavailable", detail);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, "One or more fields are invalid.", type: ProblemTypes.Validation, title: "Validation failed");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult Make(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: ProblemTypes.ForStatus(status));
}
