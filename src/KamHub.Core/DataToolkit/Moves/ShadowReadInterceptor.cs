using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// Tells <see cref="ShadowReads"/> which rows a module's context materialized (tracked or not), so a sampled read can be
/// checked on the other database of a move. Outside a sampled request it returns after one lookup of the request's items.
/// </summary>
internal sealed class ShadowReadInterceptor : IMaterializationInterceptor
{
    /// <summary>
    /// One instance for the whole process. A materialization interceptor is a singleton interceptor: EF keys its internal
    /// service provider on the instance, so one instance per host made EF build a provider per host and, past twenty
    /// (several hosts in one test process), refuse to open contexts at all (ManyServiceProvidersCreatedWarning).
    /// The state lives in the request (<see cref="HttpContext.Items"/>), so nothing here is per host.
    /// </summary>
    public static readonly ShadowReadInterceptor Instance = new();

    // HttpContextAccessor keeps the current request in a static AsyncLocal: any instance sees the caller's request.
    private static readonly HttpContextAccessor Http = new();

    private ShadowReadInterceptor()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        ShadowReads.Saw(Http.HttpContext, materializationData.Context, materializationData.EntityType, entity);
        return entity;
    }
}
