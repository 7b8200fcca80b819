using Microsoft.AspNetCore.Http;

namespace KamHub.Core.Errors;

/// <summary>
/// The query string and route values get the same rule as request bodies (<see cref="StorableText"/>): a NUL or a
/// control character in <c>?aggregateId=</c> or <c>/api/tours/{slug}</c> is a 400 naming the parameter on both
/// providers, instead of a 500 from PostgreSQL and a silent miss on SQLite.
/// </summary>
internal sealed class StorableParametersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!StorableText.IsStorable(name)) throw new BadParameterException("$query", StorableText.Problem);
            foreach (var value in values)
            {
                if (!StorableText.IsStorable(value)) throw new BadParameterException(name, StorableText.Problem);
            }
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && !StorableText.IsStorable(text)) throw new BadParameterException(name, StorableText.Problem);
        }

        return next(context);
    }
}

/// <summary>A query or route parameter no endpoint could use; answered as a 400 naming it.</summary>
internal sealed class BadParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
