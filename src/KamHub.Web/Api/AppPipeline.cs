using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace KamHub.Web.Api;

/// <summary>
/// This process's whole request pipeline (forwarded headers, correlation, authentication, rate limits, routing, the API's
/// endpoints), as built at start-up: what <see cref="InProcessApiHandler"/> hands the pages' API calls to.
/// </summary>
internal sealed class AppPipeline
{
    private RequestDelegate? _app;

    public RequestDelegate App => _app ?? throw new InvalidOperationException("The request pipeline is built when the host starts.");

    /// <summary>
    /// Put first in the pipeline, so the delegate it is given is everything after it, i.e. the app itself; it adds no
    /// work to a request.
    /// </summary>
    internal sealed class Capture(AppPipeline pipeline) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(rest =>
            {
                pipeline._app = rest;
                return rest;
            });
            next(app);
        };
    }
}
