using System.Net;
using KamHub.Web.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Web.Errors;

/// <summary>
/// The platform's one exception handler and status-code pages answer problem+json; for a browser asking for a page
/// (not /api) this writer gives the same problem as a friendly page in the visitor's language instead. Registered ahead
/// of the JSON writer, which keeps every other request.
/// </summary>
internal sealed class HtmlProblemWriter : IProblemDetailsWriter
{
    public static void Register(IServiceCollection services)
    {
        var first = services.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.ServiceType == typeof(IProblemDetailsWriter)).i;
        services.Insert(first, ServiceDescriptor.Singleton<IProblemDetailsWriter, HtmlProblemWriter>());
    }

    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return PagePaths.IsPage(request.Path) && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var culture = PagePaths.Culture(http);
        System.Globalization.CultureInfo.CurrentUICulture = culture;
        var (title, text) = status switch
        {
            404 => (UiText.T("error-404-title"), UiText.T("error-404-text")),
            403 => (UiText.T("error-403-title"), UiText.T("error-403-text")),
            >= 500 => (UiText.T("error-500-title"), UiText.T("error-500-text")),
            _ => (UiText.T("error-other-title"), context.ProblemDetails.Detail ?? ""),
        };
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(ErrorPage.Html(culture.TwoLetterISOLanguageName, status, title, text, http.TraceIdentifier));
    }
}

internal static class ErrorPage
{
    public static string Html(string language, int status, string title, string text, string correlationId) => $"""
        <!doctype html>
        <html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)} · KamHub</title><link rel="stylesheet" href="/site.css"></head>
        <body><header class="top"><a class="brand" href="/">KamHub</a></header>
        <main class="page error-page"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>
        <p class="muted">{status} · {WebUtility.HtmlEncode(correlationId)}</p><p><a class="button" href="/">{WebUtility.HtmlEncode(UiText.T("back-home"))}</a></p></main>
        </body></html>
        """;
}
