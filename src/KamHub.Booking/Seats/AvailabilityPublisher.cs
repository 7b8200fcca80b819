using KamHub.Booking.Contracts;
using KamHub.Booking.Data;
using KamHub.Core.Data;
using KamHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Seats;

/// <summary>
/// Publishes availability.changed for every departure whose availability version moved past the version last
/// announced (ADR 0005 amendment). The transactions that change seats only move the version, in the same statement as
/// the counter: a hold's transaction writes no event about the departure row it contends on, and a burst of holds on
/// one departure becomes one event with the seats left after all of them.
/// Nothing is lost: the version is committed with the seat change, and the event and the new announced version
/// commit together, so a crash in between only means the departure is announced again by the next pass (or the next
/// instance). Woken in process after seat changes (after a gathering pause, <see cref="BookingOptions.AvailabilityGather"/>), and every second as the fallback.
/// On PostgreSQL a transaction-level advisory lock lets one instance publish at a time: each pass reads seats after
/// the previous pass committed, so the events of a departure carry seats in the order they happened.
/// </summary>
internal sealed class AvailabilityPublisher(IServiceScopeFactory scopes, AvailabilitySignal signal, TimeProvider clock, IOptions<BookingOptions> options,
    ILogger<AvailabilityPublisher> logger)
    : BackgroundService
{
    public const int BatchSize = 200;
    private const long AdvisoryLockKey = 0x6b616d6875622e61; // "kamhub.a"
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static string? _markPublishedSql;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Real time, not the injected clock: tests move that one by hand, and this only paces the passes.
                // The gathering pause bounds the passes per second under load: each pass costs a transaction here and a
                // delivery to every subscriber (ADR 0005 has the measured cost of a 20 ms pause).
                if (await signal.WaitAsync(Poll, stoppingToken) && options.Value.AvailabilityGather > TimeSpan.Zero)
                    await Task.Delay(options.Value.AvailabilityGather, stoppingToken);
                while (await PublishDueAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Publishing availability.changed failed; the next pass retries");
            }
        }
    }

    /// <summary>One pass: announces up to <see cref="BatchSize"/> departures. Returns how many it announced.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        if (!await Due(db).AnyAsync(ct)) return 0;

        var postgres = db.Database.IsNpgsql();
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (postgres && !(await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey}) AS \"Value\"").ToListAsync(ct))[0])
            return 0; // another instance is publishing; its pass covers these
        var due = await Due(db).OrderBy(d => d.Id).Take(BatchSize)
            .Select(d => new { d.Id, d.TourId, d.Capacity, d.SeatsTaken, d.Status, d.AvailabilityVersion }).ToListAsync(ct);
        if (due.Count == 0) return 0;

        var events = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
        var now = StoredTime.Utc(StoredTime.Now(clock));
        foreach (var d in due)
        {
            var left = d.Status == DepartureStatus.Cancelled ? 0 : Math.Max(0, d.Capacity - d.SeatsTaken);
            events.Publish(db, d.Id.ToString(), new AvailabilityChanged(d.Id, d.TourId, d.Capacity, left, now));
        }

        await db.SaveChangesAsync(ct);
        if (postgres)
        {
            // The departures are hot rows: marking them last and committing in the same round trip keeps their locks short.
            await PipelinedCommit.ExecuteAndCommitAsync(db, MarkPublishedSql(db), [due.Select(d => d.Id).ToArray(), due.Select(d => d.AvailabilityVersion).ToArray()], ct);
        }
        else
        {
            foreach (var d in due)
            {
                await db.Departures.Where(x => x.Id == d.Id && x.AvailabilityPublished < d.AvailabilityVersion)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.AvailabilityPublished, d.AvailabilityVersion), ct);
            }

            await transaction.CommitAsync(ct);
        }

        return due.Count;
    }

    private static IQueryable<Departure> Due(BookingDbContext db) => db.Departures.AsNoTracking().Where(d => d.AvailabilityVersion != d.AvailabilityPublished);

    /// <summary>PostgreSQL: every announced departure in one statement. Parameters: $1 ids, $2 versions.</summary>
    private static string MarkPublishedSql(BookingDbContext db) => _markPublishedSql ??= BuildMarkPublished(db);

    private static string BuildMarkPublished(BookingDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Departure))!;
        var quote = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => quote.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var (id, published) = (Column(nameof(Departure.Id)), Column(nameof(Departure.AvailabilityPublished)));
        return $"UPDATE {quote.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} AS d SET {published} = u.version " +
               $"FROM unnest($1::uuid[], $2::bigint[]) AS u(id, version) WHERE d.{id} = u.id AND d.{published} < u.version";
    }
}
