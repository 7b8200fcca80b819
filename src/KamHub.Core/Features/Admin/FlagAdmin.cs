using System.Globalization;
using KamHub.Core.Data;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Core.Features.Data;
using KamHub.Core.Features.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Core.Features.Admin;

/// <summary>
/// What admins do with flags, shared by the admin API and <c>kamhub flags</c>. Every change writes the flag, a
/// history row (who, when, old, new) and a <c>flag.changed</c> event in one transaction (ADR 0011).
/// </summary>
public sealed class FlagAdmin
{
    public const int MaxHistoryLimit = 500;
    private const int Attempts = 5;

    private readonly FlagsDbContext _db;
    private readonly IEventPublisher _publisher;
    private readonly FlagStore _store;
    private readonly TimeProvider _clock;

    internal FlagAdmin(FlagsDbContext db, IEventPublisher publisher, FlagStore store, TimeProvider clock)
    {
        _db = db;
        _publisher = publisher;
        _store = store;
        _clock = clock;
    }

    /// <summary>Straight from the database (not the instance's in-memory copy), by name; optionally one module's.</summary>
    public async Task<IReadOnlyList<FeatureFlag>> ListAsync(string? module, CancellationToken ct)
    {
        var rows = _db.Flags.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(module)) rows = rows.Where(f => f.Name.StartsWith(module.ToLowerInvariant() + "."));
        return (await rows.OrderBy(f => f.Name).ToListAsync(ct)).Select(FlagRows.ToFlag).ToList();
    }

    public async Task<FeatureFlag?> GetAsync(string name, CancellationToken ct) =>
        await _db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, ct) is { } row ? FlagRows.ToFlag(row) : null;

    /// <summary>Creates or changes one flag. A change that alters nothing records nothing.</summary>
    public async Task<FlagSetResult> SetAsync(string name, FlagChangeRequest request, string changedBy, CancellationToken ct)
    {
        FlagChangeValidator.Next(name, null, request); // Refuse bad input before touching the database.
        var result = await WithRetriesAsync(() => RetryingTransaction.RunAsync(_db, async token =>
        {
            var row = await LockAsync(name, token);
            var old = row is null ? null : FlagRows.ToFlag(row).State;
            var next = FlagChangeValidator.Next(name, old, request);
            if (row is not null && Same(old, next)) return (false, new FlagSetResult(FlagRows.ToFlag(row), Created: false, Changed: false));

            var now = _clock.GetUtcNow().UtcDateTime;
            if (row is null)
            {
                row = new FeatureFlagRow { Name = name, Audience = "", UpdatedBy = changedBy, CreatedAt = now };
                _db.Flags.Add(row);
            }

            FlagRows.Apply(row, next);
            row.Version++;
            row.UpdatedAt = now;
            row.UpdatedBy = changedBy;
            Record(name, old is null ? "created" : "updated", row.Version, changedBy, now, old, next);
            return (true, new FlagSetResult(FlagRows.ToFlag(row), Created: old is null, Changed: true));
        }, ct), ct);
        if (result.Changed) await _store.ReloadNowAsync(ct);
        return result;
    }

    /// <summary>Deletes a flag (it is off for everyone from then on); its history stays. False when there was none.</summary>
    public async Task<bool> DeleteAsync(string name, string changedBy, CancellationToken ct)
    {
        var deleted = await WithRetriesAsync(() => RetryingTransaction.RunAsync(_db, async token =>
        {
            var row = await LockAsync(name, token);
            if (row is null) return (false, false);
            var now = _clock.GetUtcNow().UtcDateTime;
            _db.Flags.Remove(row);
            Record(name, "deleted", row.Version + 1, changedBy, now, FlagRows.ToFlag(row).State, null);
            return (true, true);
        }, ct), ct);
        if (deleted) await _store.ReloadNowAsync(ct);
        return deleted;
    }

    /// <summary>Newest first, keyset-paged by change id. Null when the flag never existed.</summary>
    public async Task<FlagHistoryPage?> HistoryAsync(string name, string? cursor, int limit, CancellationToken ct)
    {
        // The paging rules every list shares (Core's Paging); the cursor is the last change id of the previous page.
        var errors = new ValidationErrors();
        errors.Limit(limit, limit, MaxHistoryLimit);
        var before = errors.Cursor(cursor, text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? (object)id : null) as long?;
        if (!errors.IsValid) throw new FlagValidationException(errors.ToDictionary());

        var changes = _db.Changes.AsNoTracking().Where(c => c.FlagName == name);
        if (before is { } b) changes = changes.Where(c => c.Id < b);
        var rows = await changes.OrderByDescending(c => c.Id).Take(limit + 1).ToListAsync(ct);
        if (rows.Count == 0 && before is null) return null;
        var items = rows.Take(limit).Select(FlagRows.ToEntry).ToList();
        return new FlagHistoryPage(items, rows.Count > limit ? items[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>
    /// Reads the flag for a change. On PostgreSQL the row stays locked until the commit, so changes of one flag queue
    /// instead of failing on the version check; SQLite's write transaction already holds the whole database.
    /// </summary>
    private async Task<FeatureFlagRow?> LockAsync(string name, CancellationToken ct)
    {
        if (_db.Database.IsSqlite()) return await _db.Flags.FirstOrDefaultAsync(f => f.Name == name, ct);
        return await _db.Flags.FromSqlRaw("SELECT * FROM flags.feature_flags WHERE name = {0} FOR UPDATE", name).FirstOrDefaultAsync(ct);
    }

    private void Record(string name, string change, int version, string changedBy, DateTime now, FlagState? old, FlagState? next)
    {
        _db.Changes.Add(new FlagChangeRow
        {
            FlagName = name,
            Change = change,
            ChangedAt = now,
            ChangedBy = changedBy,
            OldValue = FlagRows.StateJson(old),
            NewValue = FlagRows.StateJson(next),
        });
        _publisher.Publish(_db, name, new FlagChanged(name, change, version, changedBy, FlagRows.Utc(now), old, next));
    }

    /// <summary>
    /// Another admin's change to the same flag committed first (the version token), or both created it at once (the
    /// key): run again on what is there now, so the history's old value is always the state the change replaced.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> attempt, CancellationToken ct)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateException) when (i < Attempts && !ct.IsCancellationRequested)
            {
                _db.ChangeTracker.Clear();
            }
        }
    }

    private static bool Same(FlagState? a, FlagState b) => a is not null && FlagRows.StateJson(a) == FlagRows.StateJson(b);
}

/// <summary>The flag after a change; <see cref="Created"/> when it did not exist, <see cref="Changed"/> false when nothing differed.</summary>
public sealed record FlagSetResult(FeatureFlag Flag, bool Created, bool Changed);
