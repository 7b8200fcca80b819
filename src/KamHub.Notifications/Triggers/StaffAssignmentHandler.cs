using System.Globalization;
using KamHub.Core.Errors;
using KamHub.Core.Events;
using KamHub.Discovery.Contracts;
using KamHub.Identity.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;
using KamHub.Partners.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Notifications.Triggers;

/// <summary>
/// assignment.created / changed / cancelled → a message to the guide or driver (ADR 0020); created and changed queue
/// their reminders before the start (as tourists get theirs), changed and cancelled drop the waiting ones first. Each
/// goes by e-mail, by SMS when the person gave a phone in their preferences, and as a push to each device they
/// registered, as a tourist's booking messages do; their channel preferences and quiet hours apply.
/// </summary>
internal sealed class StaffAssignmentHandler(IUserDirectory users, ITourCatalog catalog, RecipientProfiles profiles, NotificationPlanner planner,
    TouristPush push, NotificationsDbContext db, IOptions<NotificationsOptions> options, TimeProvider clock, ILogger<StaffAssignmentHandler> logger)
    : IEventHandler
{
    public const string Subscriber = "notifications.staff-assignments";
    public const string Pattern = "assignment.*";

    public async Task HandleAsync(EventEnvelope envelope, CancellationToken ct)
    {
        var (notice, type) = envelope.Type switch
        {
            AssignmentCreated.EventName => (Notice.From(envelope.PayloadAs<AssignmentCreated>()), NotificationTypes.AssignmentCreated),
            AssignmentChanged.EventName => (Notice.From(envelope.PayloadAs<AssignmentChanged>()), NotificationTypes.AssignmentChanged),
            AssignmentCancelled.EventName => (Notice.From(envelope.PayloadAs<AssignmentCancelled>()), NotificationTypes.AssignmentCancelled),
            _ => (null, ""),
        };
        if (notice is null) return;
        if (await users.FindAsync(notice.UserId, ct) is not { } person)
        {
            logger.LogWarning("{Event} names user {UserId}, whom the directory does not know; nothing to send", envelope.Type, notice.UserId);
            return;
        }

        if (type != NotificationTypes.AssignmentCreated) await DropWaitingRemindersAsync(notice, ct);
        var tour = await catalog.FindAsync(notice.TourId, ct);
        var model = new NotificationModel
        {
            RecipientName = string.IsNullOrWhiteSpace(person.DisplayName) ? null : person.DisplayName.Trim(),
            TourTitleRu = tour?.TitleRu,
            TourTitleEn = tour?.TitleEn,
            StartsAt = notice.StartsAt,
        };
        var profile = await profiles.ForAsync(person.UserId, notice.OperatorId, notice.TimeZone, ct);
        // Each event is its own message (a second change is news too); a redelivery of the same event is not.
        var to = new Recipient(profile, person.UserId, person.Email, PhoneNumbers.ToE164(profile.Preferences?.Phone));
        await PlanAsync(to, type, NotificationCategory.Transactional, $"{type}:{notice.AssignmentId}:{envelope.Id:N}", model, notice, ct);
        if (type != NotificationTypes.AssignmentCancelled) await ScheduleRemindersAsync(to, notice, model, ct);
    }

    /// <summary>One message on every channel the person can be reached on (the planner drops what their preferences turn off).</summary>
    private async Task PlanAsync(Recipient to, string type, string category, string key, NotificationModel model, Notice notice, CancellationToken ct,
        DateTime? at = null, DateTime? latest = null)
    {
        await planner.PlanAsync(to.Profile, type, ChannelNames.Email, category, to.Email, key, model, ct, at, latest, departureId: notice.DepartureId);
        if (to.Phone is not null)
            await planner.PlanAsync(to.Profile, type, ChannelNames.Sms, category, to.Phone, key, model, ct, at, latest, departureId: notice.DepartureId);
        await push.ToUserAsync(to.Profile, to.UserId, type, category, key, model, ct, at, latest, departureId: notice.DepartureId);
    }

    private async Task ScheduleRemindersAsync(Recipient to, Notice notice, NotificationModel model, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var starts = StoredTime.Truncate(notice.StartsAt.UtcDateTime);
        foreach (var offset in options.Value.EffectiveReminders)
        {
            var at = starts - offset;
            if (at <= now) continue;
            var key = string.Create(CultureInfo.InvariantCulture, $"{NotificationTypes.AssignmentReminder}-{(int)offset.TotalMinutes}m:{notice.AssignmentId}")
                + ReminderScheduler.KeySuffix(notice.StartsAt);
            await PlanAsync(to, NotificationTypes.AssignmentReminder, NotificationCategory.Reminders, key,
                model with { HoursBefore = (int)Math.Round(offset.TotalHours) }, notice, ct, at, starts);
        }
    }

    /// <summary>The assignee's reminders of this departure not yet sent; tourists' reminders of the same departure stay.</summary>
    private Task<int> DropWaitingRemindersAsync(Notice notice, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        return db.Deliveries.Where(d => d.Type == NotificationTypes.AssignmentReminder && d.RecipientUserId == notice.UserId
                && d.DepartureId == notice.DepartureId && (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Cancelled)
                .SetProperty(d => d.LastError, "assignment changed").SetProperty(d => d.UpdatedAt, now), ct);
    }

    private sealed record Recipient(RecipientProfile Profile, Guid UserId, string Email, string? Phone);

    private sealed record Notice(Guid AssignmentId, Guid DepartureId, Guid TourId, Guid OperatorId, Guid UserId, DateTimeOffset StartsAt, string TimeZone)
    {
        public static Notice From(AssignmentCreated e) => new(e.AssignmentId, e.DepartureId, e.TourId, e.OperatorId, e.UserId, e.StartsAt, e.TimeZone);

        public static Notice From(AssignmentChanged e) => new(e.AssignmentId, e.DepartureId, e.TourId, e.OperatorId, e.UserId, e.StartsAt, e.TimeZone);

        public static Notice From(AssignmentCancelled e) => new(e.AssignmentId, e.DepartureId, e.TourId, e.OperatorId, e.UserId, e.StartsAt, e.TimeZone);
    }
}
