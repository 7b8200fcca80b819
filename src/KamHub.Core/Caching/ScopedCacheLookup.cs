using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.Core.Caching;

/// <summary>
/// Cache lookups whose factory reads the database. The factory must not use the request's own services: FusionCache
/// can let a factory outlive the call that started it (a caller that gives up while others wait on the same key, the
/// fail-safe paths), and a request-scoped, pooled DbContext is then handed to the next request while the factory still
/// reads on it: two threads on one connection, which desynchronises the PostgreSQL protocol and hangs every later
/// lookup of that key. So each factory run gets its own scope, and with it its own DbContext.
/// </summary>
public static class ScopedCacheLookup
{
    public static ValueTask<T> GetOrCreateScopedAsync<TService, TState, T>(this HybridCache cache, string key, IServiceScopeFactory scopes, TState state,
        Func<TService, TState, CancellationToken, Task<T>> factory, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
        where TService : notnull =>
        cache.GetOrCreateAsync(key, (scopes, state, factory), static async (s, ct) =>
        {
            await using var scope = s.scopes.CreateAsyncScope();
            return await s.factory(scope.ServiceProvider.GetRequiredService<TService>(), s.state, ct);
        }, tags: tags, cancellationToken: cancellationToken);
}
