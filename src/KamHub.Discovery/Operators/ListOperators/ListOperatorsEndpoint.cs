using KamHub.Discovery.Data;
using KamHub.Discovery.Operators.CreateOperator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace KamHub.Discovery.Operators.ListOperators;

internal static class ListOperatorsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/operators", HandleAsync).AllowAnonymous();

    // Operators are few (tens): the whole list is one cached answer.
    private static async Task<IResult> HandleAsync(DiscoveryDbContext db, HybridCache cache, CancellationToken ct) =>
        TypedResults.Ok(await cache.GetOrCreateAsync(CreateOperatorEndpoint.CacheKey, db, static async (d, c) =>
            (IReadOnlyList<OperatorDto>)await d.Operators.AsNoTracking().OrderBy(o => o.Name).Select(o => OperatorDto.From(o)).ToListAsync(c),
            cancellationToken: ct));
}
