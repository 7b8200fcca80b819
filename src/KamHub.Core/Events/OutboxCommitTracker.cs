using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KamHub.Core.Events;

/// <summary>
/// Remembers which contexts are saving outbox events until their commit is known, then counts them as published
/// and wakes the dispatcher; a rollback forgets them. EF's own save transaction, a caller's explicit transaction and
/// single-statement saves without a transaction all end here.
/// </summary>
internal sealed class OutboxCommitTracker(OutboxSignal signal, EventMetrics metrics)
{
    private readonly ConditionalWeakTable<DbContext, List<string>> _pending = new();

    public void Saving(DbContext? context)
    {
        if (context is null) return;
        // Added entries are known without DetectChanges (Add sets the state), and SaveChanges runs its own right after.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        List<string> types;
        try
        {
            types = tracker.Entries<OutboxEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Type).ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }

        if (types.Count == 0) return;
        var list = _pending.GetOrCreateValue(context);
        lock (list) list.AddRange(types);
    }

    public void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var list)) return;
        _pending.Remove(context);
        var module = (context as Data.ModuleDbContext)?.ModuleName ?? "unknown";
        lock (list)
        {
            foreach (var type in list) metrics.Published(type, module);
        }

        signal.Notify();
    }

    public void Abandoned(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }

    /// <summary>After SaveChanges: without an open transaction the rows are committed now; inside one, wait for its end.</summary>
    public void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null) Committed(context);
    }

    public void SaveFailed(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null) Abandoned(context);
    }
}

internal sealed class OutboxSaveChangesInterceptor(OutboxCommitTracker tracker) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        tracker.Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        tracker.Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        tracker.Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        tracker.Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => tracker.SaveFailed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        tracker.SaveFailed(eventData.Context);
        return Task.CompletedTask;
    }
}

internal sealed class OutboxTransactionInterceptor(OutboxCommitTracker tracker) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => tracker.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        tracker.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => tracker.Abandoned(eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        tracker.Abandoned(eventData.Context);
        return Task.CompletedTask;
    }
}
