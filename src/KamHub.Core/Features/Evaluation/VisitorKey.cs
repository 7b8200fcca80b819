using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace KamHub.Core.Features.Evaluation;

/// <summary>
/// What keeps an anonymous caller's percentage buckets stable: the <c>X-Visitor-Key</c> header, else the
/// <c>kamhub_visitor</c> cookie, else a new random key handed back in both (so a browser keeps it by itself and an API
/// client can store the header).
/// </summary>
internal static partial class VisitorKey
{
    public const string Header = "X-Visitor-Key";
    public const string Cookie = "kamhub_visitor";
    private const string ItemKey = "KamHub.VisitorKey";

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);

    /// <summary>The header's value when one was sent, valid or not (null when absent).</summary>
    public static string? SentHeader(HttpContext context) =>
        context.Request.Headers.TryGetValue(Header, out var values) ? values.ToString() : null;

    public static string Get(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is string cached) return cached;
        var key = SentHeader(context) is { } header && IsValid(header) ? header
            : context.Request.Cookies.TryGetValue(Cookie, out var cookie) && IsValid(cookie) ? cookie
            : Issue(context);
        context.Items[ItemKey] = key;
        return key;
    }

    private static string Issue(HttpContext context)
    {
        var key = Guid.NewGuid().ToString("N");
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[Header] = key;
            context.Response.Cookies.Append(Cookie, key, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                Path = "/",
            });
        }

        return key;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex Pattern();
}
