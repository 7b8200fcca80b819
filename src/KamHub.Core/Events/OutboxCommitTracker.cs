using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KamHub.Core.Events;

/// <summary>
/// Takes the events a SaveChanges is about to save out of EF's hands and writes them (with their deliveries) in
/// multi-row statements after EF's own rows, in the same transaction (<see cref="OutboxWriter"/>); EF's per-entity
/// insert pipeline was most of the CPU of publishing. A save without a transaction of the caller's gets one of ours
/// around it, so the change and its events still commit together. A failed save puts the events back into the change
/// tracker as pending, exactly where EF leaves its own failed inserts (so <see cref="UnsavedEvents"/> and
/// <c>ChangeTracker.Clear()</c> still discard them). Once the commit is known, the events count as published and
/// the dispatcher is woken; a rollback forgets them.
/// </summary>
internal sealed class OutboxCommitTracker(OutboxSignal signal, EventMetrics metrics, EventSubscriptions subscriptions)
{
    private readonly ConditionalWeakTable<DbContext, PendingCommit> _pending = new();
    private readonly ConditionalWeakTable<DbContext, StagedSave> _staged = new();

    /// <summary>Before EF saves: detaches the added events (EF must not insert them) and makes sure a transaction is open.</summary>
    public async ValueTask SavingAsync(DbContext? context, bool async, CancellationToken ct)
    {
        if (context is null) return;
        var events = AddedEvents(context);
        if (events.Count == 0) return;
        foreach (var e in events) context.Entry(e).State = EntityState.Detached;

        IDbContextTransaction? owned = null;
        var savepoints = context.Database.AutoSavepointsEnabled;
        if (context.Database.CurrentTransaction is null)
        {
            // Ours from SaveChanges to its end: a failure rolls all of it back, so EF's savepoint would only cost round trips.
            owned = async ? await context.Database.BeginTransactionAsync(ct) : context.Database.BeginTransaction();
            context.Database.AutoSavepointsEnabled = false;
        }

        _staged.AddOrUpdate(context, new StagedSave(events, owned, savepoints));
    }

    /// <summary>After EF's rows: writes the events and deliveries, commits the transaction if it is ours. Returns the rows written.</summary>
    public async ValueTask<int> SavedAsync(DbContext? context, bool async, CancellationToken ct)
    {
        if (context is null || !_staged.TryGetValue(context, out var staged)) return 0;
        _staged.Remove(context);
        int written;
        try
        {
            (written, var deliveries) = await OutboxWriter.WriteAsync(context, staged.Events, subscriptions, async, ct);
            Pending(context, staged.Events, deliveries > 0);
            if (staged.Owned is not null)
            {
                if (async) await staged.Owned.CommitAsync(ct);
                else staged.Owned.Commit();
            }
        }
        catch
        {
            await UndoAsync(context, staged, async);
            throw;
        }

        await EndAsync(context, staged, async);
        return written;
    }

    /// <summary>EF's save failed (or was cancelled): nothing of ours was written; the events are pending again.</summary>
    public async ValueTask SaveFailedAsync(DbContext? context, bool async)
    {
        if (context is null || !_staged.TryGetValue(context, out var staged)) return;
        _staged.Remove(context);
        await UndoAsync(context, staged, async);
    }

    public void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        var module = (context as Data.ModuleDbContext)?.ModuleName ?? "unknown";
        bool wake;
        lock (pending)
        {
            foreach (var type in pending.Types) metrics.Published(type, module);
            wake = pending.Deliveries;
        }

        // An event no subscriber matches (booking.created today) wrote no delivery row: nothing for the loops to claim.
        if (wake) signal.Notify(context.GetType());
    }

    public void Abandoned(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }

    private void Pending(DbContext context, List<OutboxEvent> events, bool deliveries)
    {
        var pending = _pending.GetOrCreateValue(context);
        lock (pending)
        {
            pending.Types.AddRange(events.Select(e => e.Type));
            pending.Deliveries |= deliveries;
        }
    }

    private static async ValueTask UndoAsync(DbContext context, StagedSave staged, bool async)
    {
        if (staged.Owned is not null)
        {
            if (async) await staged.Owned.RollbackAsync();
            else staged.Owned.Rollback();
        }

        await EndAsync(context, staged, async);
        foreach (var e in staged.Events) context.Entry(e).State = EntityState.Added;
    }

    private static async ValueTask EndAsync(DbContext context, StagedSave staged, bool async)
    {
        if (staged.Owned is null) return;
        if (async) await staged.Owned.DisposeAsync();
        else staged.Owned.Dispose();
        context.Database.AutoSavepointsEnabled = staged.Savepoints;
    }

    /// <summary>Added entries are known without DetectChanges (Add sets the state), and SaveChanges runs its own anyway.</summary>
    private static List<OutboxEvent> AddedEvents(DbContext context)
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<OutboxEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>What the saves of one transaction published, until it commits.</summary>
    private sealed class PendingCommit
    {
        public List<string> Types { get; } = [];
        public bool Deliveries { get; set; }
    }

    private sealed record StagedSave(List<OutboxEvent> Events, IDbContextTransaction? Owned, bool Savepoints);
}
