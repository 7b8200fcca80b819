using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using KamHub.Core.Http;
using KamHub.Web.Api;
using KamHub.Web.Auth;
using KamHub.Web.Caching;
using KamHub.Web.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.WebEncoders;

namespace KamHub.Web;

/// <summary>
/// The pages (docs/adr/0016-web-pages-with-razor-pages.md): Razor Pages rendered on the server at <c>/</c>, in the same
/// process as the API at <c>/api</c>, which they call through its HTTP pipeline like any client (in process, no socket).
/// </summary>
public static class WebModule
{
    public static IHostApplicationBuilder AddWebModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Bookings", WebAuth.SignedIn);
            o.Conventions.AuthorizeFolder("/Book", WebAuth.SignedIn);
            o.Conventions.AuthorizeFolder("/Me", WebAuth.SignedIn);
            o.Conventions.AuthorizeFolder("/Desk", WebAuth.Operator);
            o.Conventions.AuthorizeFolder("/Console", WebAuth.Admin);
            o.Conventions.AuthorizeFolder("/Agent", WebAuth.Agent);
            HomePageCache.OnHomePage(o.Conventions);
        }).AddApplicationPart(typeof(WebModule).Assembly);
        services.AddHttpContextAccessor();
        services.AddSingleton<ApiAddress>();
        services.AddSingleton<AppPipeline>();
        services.AddTransient<IStartupFilter, AppPipeline.Capture>();
        // The API is this same process: a retry or an open circuit would only hide its own answer (429, 503) from the page.
        // Its calls go straight into this process's pipeline, no socket, unless the API is configured to be elsewhere.
        services.AddHttpClient<KamHubApi>(KamHubApi.ClientName).WithoutDefaultResilience().ConfigurePrimaryHttpMessageHandler(sp =>
            sp.GetRequiredService<IConfiguration>()[ApiAddress.ConfigKey] is { Length: > 0 }
                ? new SocketsHttpHandler()
                : new InProcessApiHandler(sp.GetRequiredService<AppPipeline>(), sp.GetRequiredService<IHttpContextFactory>()));
        services.AddScoped<SessionStarter>();
        WebAuth.Add(services);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = ["ru", "en"];
            o.SetDefaultCulture("en").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // Russian text as text, not &#x...; entities: readable source and a third of the bytes.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        HtmlProblemWriter.Register(services);
        HomePageCache.Add(services, builder.Configuration);
        return builder;
    }

    /// <summary>After the platform's middleware (UseServiceDefaults): the pages' language and session, then their routes.</summary>
    public static WebApplication UseWebModule(this WebApplication app)
    {
        app.UseWhen(c => PagePaths.IsPage(c.Request.Path), page =>
        {
            page.UseRequestLocalization();
            page.Use(async (context, next) =>
            {
                // Pages know the cookie's user; the API's default scheme (bearer) stays the only one for /api.
                var session = await context.AuthenticateAsync(WebAuth.Scheme);
                if (session.Succeeded) context.User = session.Principal!;
                await next(context);
            });
            // After the language and the session: the cache key needs the one, and the other keeps signed-in pages out.
            page.UseOutputCache();
        });
        app.MapGet("/site.css", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(SiteCss.Text, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        // No catch-all fallback route: it would compete with API endpoints in routing (a POST without a body to an endpoint
        // with an optional body fell through to it). An unknown page is a plain 404 that HtmlProblemWriter renders.
        ConversationStreamRelay.Map(app);
        app.MapRazorPages();
        return app;
    }
}

/// <summary>Which requests are pages (everything the API, health, metrics, docs and the payment pages do not own).</summary>
internal static class PagePaths
{
    private static readonly string[] NotPages = ["/api", "/health", "/metrics", "/openapi", "/docs", "/pay"];

    public static bool IsPage(PathString path) => !NotPages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static CultureInfo Culture(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo("en");
}
