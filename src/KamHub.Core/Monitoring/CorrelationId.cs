using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KamHub.Core.Monitoring;

/// <summary>
/// Takes <c>X-Correlation-ID</c> from the request (or makes one), echoes it on the response, and opens a log scope
/// so every log line of the request carries it. Later issues read <see cref="Current"/> to stamp events and outgoing calls.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-ID";
    private const int MaxLength = 128;

    private static readonly AsyncLocal<string?> CurrentId = new();

    public static string? Current => CurrentId.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var id = IsAcceptable(incoming) ? incoming : Guid.NewGuid().ToString("N");
        CurrentId.Value = id;
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        Activity.Current?.SetTag("correlation.id", id);
        using (logger.BeginScope(new LogScope { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    /// <summary>Untrusted input goes into logs and headers: keep it short and printable.</summary>
    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
