using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KamHub.Core.Events;

/// <summary>Routes every SaveChanges of a module context through <see cref="OutboxCommitTracker"/>.</summary>
internal sealed class OutboxSaveChangesInterceptor(OutboxCommitTracker tracker) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        tracker.SavingAsync(eventData.Context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await tracker.SavingAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        result + tracker.SavedAsync(eventData.Context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        result + await tracker.SavedAsync(eventData.Context, async: true, cancellationToken);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        tracker.SaveFailedAsync(eventData.Context, async: false).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        tracker.SaveFailedAsync(eventData.Context, async: true).AsTask();

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        tracker.SaveFailedAsync(eventData.Context, async: false).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        tracker.SaveFailedAsync(eventData.Context, async: true).AsTask();
}

/// <summary>Tells <see cref="OutboxCommitTracker"/> how a transaction ended, so published events are counted and signalled once committed.</summary>
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
