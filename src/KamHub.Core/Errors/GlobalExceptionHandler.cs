using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamHub.Core.Errors;

/// <summary>
/// The one exception handler: bad input becomes a 4xx problem that names the field; anything unexpected is logged
/// and answered as a 500 problem without internals.
/// </summary>
internal sealed class GlobalExceptionHandler(IProblemDetailsService problems, ILogger<GlobalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status == 503)
        {
            // A write reached a database an online move has fenced (ADR 0014): reload the routing, the retry goes to the new side.
            httpContext.RequestServices.GetService<DataToolkit.Moves.MoveRouting>()?.Reload();
            httpContext.Response.Headers.RetryAfter = "1";
        }

        if (problem.Status >= 500) logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        else logger.LogInformation("Rejected {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, problem.Detail);

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } => Make(413, "Payload too large", "The request body is larger than this server accepts."),
        BadHttpRequestException { InnerException: JsonException json } => Json(json),
        BadHttpRequestException bad when BindingFailure.TryRead(bad.Message) is { } failure => failure.ToProblem(),
        BadHttpRequestException bad => Make(bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400, "Bad request", bad.Message),
        JsonException json => Json(json),
        BadParameterException bad => new ValidationProblemDetails(new Dictionary<string, string[]> { [bad.Parameter] = [bad.Message] })
        {
            Status = 400,
            Title = "Validation failed",
            Detail = "One or more fields are invalid.",
            Type = ProblemTypes.Validation,
        },
        _ when DataToolkit.Moves.MoveFence.IsFenced(exception) => Make(503, "Service unavailable", "The data is switching databases; retry in a moment."),
        DbUpdateConcurrencyException => Make(409, "Conflict", "The resource was changed by someone else; reload and try again."),
        DbUpdateException db when UniqueViolation.Fields(db) is { } fields => Unique(fields),
        _ => Make(500, "Internal error", "An unexpected error occurred. Quote the correlation id when reporting it."),
    };

    private static ValidationProblemDetails Json(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "$" : json.Path.TrimStart('$', '.');
        string message;
        if (json.Message.StartsWith(StorableText.Problem, StringComparison.Ordinal)) message = StorableText.Problem;
        else if (json.Message.Contains("could not be mapped", StringComparison.Ordinal)) message = "is not a known field.";
        else if (json.Message.Contains("Duplicate", StringComparison.Ordinal)) message = "appears more than once.";
        else if (json.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase) && json.Path is not null) message = "has a value of the wrong type or format.";
        else message = "is not valid JSON.";
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = "Malformed request",
            Detail = "The request body could not be read as the expected JSON.",
            Type = ProblemTypes.MalformedRequest,
        };
    }

    private static ProblemDetails Unique(IReadOnlyList<string> fields)
    {
        var named = fields.Count == 0 ? "a unique value" : string.Join(", ", fields);
        var problem = Make(409, "Conflict", $"Another resource already has this {named}; choose another value (or reload: a concurrent request may have created it).");
        if (fields.Count > 0) problem.Extensions["fields"] = fields;
        return problem;
    }

    private static ProblemDetails Make(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Type = ProblemTypes.ForStatus(status) };
}
