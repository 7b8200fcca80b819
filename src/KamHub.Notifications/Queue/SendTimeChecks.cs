using KamHub.Notifications.Data;
using KamHub.Notifications.Preferences;
using KamHub.Notifications.Templates;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Notifications.Queue;

/// <summary>
/// What may have changed since a message was queued, read once per claimed batch: the recipients' preferences (a channel
/// turned off, quiet hours set) and, for push, whether the device is still registered and active.
/// </summary>
internal sealed class SendTimeChecks(NotificationsDbContext db)
{
    public async Task<SendTimeFacts> LoadAsync(IReadOnlyCollection<Delivery> rows, CancellationToken ct)
    {
        var userIds = rows.Where(r => r.RecipientUserId is not null).Select(r => r.RecipientUserId!.Value).Distinct().ToList();
        var preferences = userIds.Count == 0 ? [] : await db.Preferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var tokens = rows.Where(r => r.Channel == ChannelNames.Push).Select(r => r.Recipient).Distinct().ToList();
        var devices = tokens.Count == 0 ? [] : await db.Devices.AsNoTracking().Where(d => tokens.Contains(d.Token)).ToListAsync(ct);
        return new SendTimeFacts(preferences, devices);
    }
}

/// <summary>Send now (on <see cref="Platform"/> for push), skip for <see cref="SkipReason"/>, or wait until <see cref="DeferUntil"/>.</summary>
internal sealed record SendDecision(string? SkipReason, DateTime? DeferUntil, string? Platform);

internal sealed class SendTimeFacts(Dictionary<Guid, UserPreferences> preferences, List<PushDevice> devices)
{
    public SendDecision Decide(Delivery row, NotificationModel model, DateTime now)
    {
        string? platform = null;
        if (row.Channel == ChannelNames.Push)
        {
            var device = devices.FirstOrDefault(d => d.Token == row.Recipient && (row.RecipientUserId is not { } owner || d.UserId == owner));
            if (device is not { Active: true }) return new SendDecision("the push device was removed or its token reported gone", null, null);
            platform = device.Platform;
        }

        if (row.RecipientUserId is not { } userId || !preferences.TryGetValue(userId, out var mine)) return new SendDecision(null, null, platform);
        if (!mine.Allows(row.Category, row.Channel))
            return new SendDecision($"{row.Category} by {row.Channel} turned off in the recipient's preferences after it was queued", null, null);

        // E-mail is never deferred (RecipientProfile.Defer); the zone is the recipient's own if they set one since.
        if (row.Channel != ChannelNames.Email && QuietHours.From(mine.QuietHoursStart, mine.QuietHoursEnd) is { } quiet)
        {
            var until = StoredTime.Truncate(quiet.Defer(now, TimeZones.Find(mine.TimeZone) ?? TimeZones.Find(row.TimeZone) ?? TimeZoneInfo.Utc));
            if (until > now)
            {
                if (row.Category == NotificationCategory.Reminders && model.StartsAt is { } starts && until >= starts.UtcDateTime)
                    return new SendDecision("quiet hours last until after the start", null, null);
                return new SendDecision(null, until, platform);
            }
        }

        return new SendDecision(null, null, platform);
    }
}
