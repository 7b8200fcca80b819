using KamHub.Core.Data;
using KamHub.Core.Features;
using Microsoft.AspNetCore.Http;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>
/// Routes a moving module's DbContext (ADR 0014). Writes — every unit of work outside a GET/HEAD request, background
/// work included — go to the write side, which flips only at the fenced write switch. A GET/HEAD request during the
/// read switch goes to the target when the caller is in the sticky percentage of <see cref="MoveRoute.ReadFlag"/>,
/// unless this instance saw the caller write something the mirror may not have applied yet.
/// </summary>
internal sealed class MoveRouteSelector(MoveRouting routing, IFeatureFlags flags, IHttpContextAccessor http, RecentWriters writers, ShadowReads shadow) : IModuleRouteSelector
{
    public ModuleConnection Select(ModuleDatabase module)
    {
        if (module.Name.Equals(MovesDbContext.Module, StringComparison.OrdinalIgnoreCase)) return module.Connection;
        if (routing.For(module.Name) is not { } route) return module.Connection;
        var context = http.HttpContext;
        var read = context is not null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
        // While both databases hold the module, a sample of read requests is also checked on the other one (shadow reads).
        if (read && route.Mirroring) shadow.Consider(context!, route);
        if (route.WritesOnTarget) return route.Target;
        if (context is null) return route.Source;

        var key = flags.CurrentTarget().Key;
        if (!read)
        {
            if (key is not null)
            {
                writers.Wrote(key);
                context.Response.OnCompleted(() =>
                {
                    writers.Wrote(key);
                    return Task.CompletedTask;
                });
            }

            return route.Source;
        }

        if (route.State != MoveStates.Reads || route.ReadPercent == 0 || key is null) return route.Source;
        if (writers.AheadOfMirror(key, route.CaughtUpAt)) return route.Source;
        // Evaluation reads the flags' in-memory copy only (ADR 0011): the ValueTask completes synchronously.
        return flags.IsEnabledAsync(MoveRoute.ReadFlag(module.Name)).AsTask().GetAwaiter().GetResult() ? route.Target : route.Source;
    }
}
