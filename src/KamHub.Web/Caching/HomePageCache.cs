using KamHub.Core.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KamHub.Web.Caching;

/// <summary>
/// The home page as anonymous visitors see it, kept whole for a few seconds (ADR 0016, update 4): the most visited
/// page costs a cache read instead of a search call and twelve rendered cards. Keyed by the query and the language;
/// ASP.NET Core's output cache never stores an answer to a signed-in visitor (the session cookie makes the request
/// authenticated), one that sets a cookie, or anything but a 200, so error pages and personal pages stay out of it.
/// Its staleness bound is the duration: seats left on a card may be that many seconds old (the tour page and the
/// booking itself read live). Each instance keeps its own copy in memory.
/// </summary>
internal static class HomePageCache
{
    public const string Policy = "home-page";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<HomePageCacheOptions>(configuration.GetSection(HomePageCacheOptions.SectionName));
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<HomePageCacheOptions>>((o, home) => o.AddPolicy(Policy, b =>
        {
            if (home.Value.HomePageCacheSeconds == 0)
            {
                b.NoCache();
                return;
            }

            b.Expire(TimeSpan.FromSeconds(home.Value.HomePageCacheSeconds))
                .SetVaryByQuery("*")
                .VaryByValue(context => new KeyValuePair<string, string>("language", PagePaths.Culture(context).Name));
        }));
    }

    /// <summary>Puts the policy on the home page only.</summary>
    public static void OnHomePage(PageConventionCollection conventions) =>
        conventions.AddPageApplicationModelConvention("/Index", page => page.EndpointMetadata.Add(new OutputCacheAttribute { PolicyName = Policy }));
}

/// <summary>Section <c>KamHub:Web</c>.</summary>
internal sealed class HomePageCacheOptions : IValidatedOptions
{
    public const string SectionName = "KamHub:Web";

    /// <summary>How long an anonymous home page is served from memory; 0 renders every request.</summary>
    public int HomePageCacheSeconds { get; set; } = 5;

    public IEnumerable<string> Validate()
    {
        if (HomePageCacheSeconds is < 0 or > 300)
            yield return $"KamHub:Web:HomePageCacheSeconds is {HomePageCacheSeconds}; use 0 (off) to 300.";
    }
}
