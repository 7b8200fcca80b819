using KamHub.Core.Data;

namespace KamHub.Core.DataToolkit.Moves;

/// <summary>Both databases of a move with the module's schema on each, and the fenced switch between them.</summary>
internal sealed class MoveSides(ModuleDatabase module, DataEndpoint source, DataEndpoint target)
{
    public ModuleDatabase Module { get; } = module;

    public ChangeMirror.Side Source { get; } = new(source, ModuleSchema.Read(module, source));

    public ChangeMirror.Side Target { get; } = new(target, ModuleSchema.Read(module, target));

    public static MoveSides Of(ModuleDatabase module, DataMoveRow row) =>
        new(module, DataEndpoint.Parse(row.Source, "source"), DataEndpoint.Parse(row.Target, "target"));

    /// <summary>Applies changes until the log of <paramref name="from"/> is empty (bounded: a side that keeps writing is not fenced).</summary>
    public static async Task DrainAsync(ChangeMirror.Side from, ChangeMirror.Side to, int batch, CancellationToken ct)
    {
        for (var round = 0; round < 100_000; round++)
        {
            if (await ChangeMirror.ApplyBatchAsync(from, to, batch, ct) == 0 && (await ChangeCapture.LagAsync(from.Endpoint, from.Schema.Module.Schema, ct)).Count == 0) return;
        }

        throw new MoveException(409, "The mirror did not catch up; is the old side still being written?");
    }

    /// <summary>
    /// The fenced write switch (either direction): fence <paramref name="from"/> (waits for its writes in flight; every
    /// later write there is refused), apply what is left of its log, set the sequences of <paramref name="to"/> past the
    /// copied keys, and open <paramref name="to"/> for writes with capture on. Returns the time writes were refused
    /// until the routing switched (the caller saves the move right after). If the drain fails, <paramref name="from"/> is
    /// reopened: nothing switched.
    /// </summary>
    public async Task<TimeSpan> SwitchAsync(ChangeMirror.Side from, ChangeMirror.Side to, int batch, TimeProvider clock, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        await ChangeCapture.SetStateAsync(from.Endpoint, Module.Schema, CaptureState.Fenced, ct);
        try
        {
            await DrainAsync(from, to, batch, ct);
            await using (var connection = await to.Endpoint.OpenAsync(ct))
                await DataCopier.SetSequencesAsync(connection, Module, to.Schema, to.Endpoint, ct);
            await ChangeCapture.SetStateAsync(to.Endpoint, Module.Schema, CaptureState.Open, ct);
        }
        catch
        {
            await ChangeCapture.SetStateAsync(from.Endpoint, Module.Schema, CaptureState.Open, CancellationToken.None);
            throw;
        }

        return clock.GetElapsedTime(started);
    }
}
