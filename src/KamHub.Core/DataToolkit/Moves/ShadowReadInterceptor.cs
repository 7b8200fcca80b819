using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// Tells <see cref="ShadowReads"/> which rows a module's context materialized (tracked or not), so a sampled read can be
/// checked on the other database of a move. Outside a sampled request it returns after one lookup of the request's items.
/// </summary>
internal sealed class ShadowReadInterceptor(ShadowReads shadow) : IMaterializationInterceptor
{
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        shadow.Saw(materializationData.Context, materializationData.EntityType, entity);
        return entity;
    }
}
