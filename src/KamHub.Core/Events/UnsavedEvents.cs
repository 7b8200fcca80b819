using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Events;

public static class UnsavedEvents
{
    /// <summary>
    /// Forgets events published on <paramref name="db"/> whose SaveChanges failed, for code that handles the failure
    /// and saves again on the same context (EF keeps failed inserts pending, so they would otherwise go out with the
    /// next save, describing a change that did not happen).
    /// </summary>
    public static void DiscardUnsavedEvents(this DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is OutboxEvent or EventDelivery).ToList())
            entry.State = EntityState.Detached;
    }
}
