using KamHub.Core.Caching;
using KamHub.Discovery.Data;
using KamHub.Discovery.Operators.CreateOperator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Discovery.Operators.ListOperators;

internal static class ListOperatorsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/operators", HandleAsync).AllowAnonymous().Produces<IReadOnlyList<OperatorDto>>();

    // Operators are few (tens): the whole list is one cached answer.
    private static async Task<IResult> HandleAsync(IServiceScopeFactory scopes, HybridCache cache, CancellationToken ct) =>
        TypedResults.Ok(await cache.GetOrCreateScopedAsync(CreateOperatorEndpoint.CacheKey, scopes, 0, static async (DiscoveryDbContext d, int _, CancellationToken c) =>
            (IReadOnlyList<OperatorDto>)await d.Operators.AsNoTracking().OrderBy(o => o.Name).Select(o => OperatorDto.From(o)).ToListAsync(c),
            cancellationToken: ct));
}
