using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KamHub.Core.Errors;

/// <summary>
/// Refuses bodies over the configured limit before anything reads them. Kestrel enforces the same limit for
/// chunked bodies; this also covers hosts (the test server) that have no limit of their own.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, long limit)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > limit)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        return next(context);
    }
}
