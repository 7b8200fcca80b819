using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Core.Hosting;

/// <summary>
/// ASP.NET Core rate limiting, configured from <see cref="RateLimitOptions"/>: a global limit on anonymous requests
/// per client address (payment webhooks get their own, larger budget), and the named policies sign-in (per address)
/// and bookings (per user). A refusal is 429 problem+json with Retry-After.
/// </summary>
internal static class RateLimiting
{
    private const string WebhookPathPrefix = "/api/payments/webhooks";

    public static void AddKamHubRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitOptions>(configuration.GetSection(RateLimitOptions.SectionName));
        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.OnRejected = RejectAsync;
            if (!limits.Enabled)
            {
                // Endpoints still name their policies; with limits off those let everything through.
                o.AddPolicy(RateLimitPolicies.SignIn, _ => RateLimitPartition.GetNoLimiter(""));
                o.AddPolicy(RateLimitPolicies.Bookings, _ => RateLimitPartition.GetNoLimiter(""));
                return;
            }

            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Global(http, limits));
            o.AddPolicy(RateLimitPolicies.SignIn, http => Window("sign-in:" + Client(http), limits.SignIn));
            o.AddPolicy(RateLimitPolicies.Bookings, http => Window("bookings:" + (http.User.GetUserId()?.ToString() ?? Client(http)), limits.Bookings));
        });
    }

    private static RateLimitPartition<string> Global(HttpContext http, RateLimitOptions limits)
    {
        if (http.Request.Path.StartsWithSegments(WebhookPathPrefix, StringComparison.OrdinalIgnoreCase))
            return Window("webhooks:" + Client(http), limits.Webhooks);
        // Signed-in users are limited where it matters (bookings); probes and scrapes are never limited.
        if (http.User.Identity?.IsAuthenticated == true || http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics"))
            return RateLimitPartition.GetNoLimiter("");
        return Window("anonymous:" + Client(http), limits.Anonymous);
    }

    private static RateLimitPartition<string> Window(string key, RateLimitRule rule) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
        });

    private static string Client(HttpContext http) => ClientAddress.ThrottleKey(http.Connection.RemoteIpAddress);

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "This client sent more requests than the server accepts in this period. Retry after the time in Retry-After.",
                Type = ProblemTypes.TooManyRequests,
            },
        });
    }
}
