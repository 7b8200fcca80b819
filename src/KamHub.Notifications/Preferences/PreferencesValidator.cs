using KamHub.Core.Errors;
using KamHub.Notifications.Data;
using KamHub.Notifications.Templates;
using KamHub.Core.Time;

namespace KamHub.Notifications.Preferences;

/// <summary>Field errors of a preferences PUT, named by their JSON path.</summary>
internal static class PreferencesValidator
{
    public static ValidationErrors Validate(PreferencesDto request)
    {
        var errors = new ValidationErrors();
        errors.When(request.Language is not null && !TemplateRenderer.Languages.Contains(request.Language), "language",
            $"must be one of: {string.Join(", ", TemplateRenderer.Languages)}.");
        errors.When(request.TimeZone is not null && (request.TimeZone.Length > 64 || TimeZones.Find(request.TimeZone) is null), "timeZone", "must be an IANA time zone, e.g. Asia/Kamchatka.");
        errors.Phone(request.Phone, "phone");
        if (request.QuietHours is { } quiet)
        {
            errors.When(!QuietHours.TryParseTime(quiet.Start, out var start), "quietHours.start", "must be a local time HH:mm.");
            errors.When(!QuietHours.TryParseTime(quiet.End, out var end), "quietHours.end", "must be a local time HH:mm.");
            errors.When(quiet.Start is not null && quiet.Start == quiet.End, "quietHours.end", "must differ from the start.");
        }

        foreach (var (category, channels) in request.Channels ?? [])
        {
            if (!NotificationCategory.All.Contains(category))
            {
                errors.Add($"channels.{category}", $"is not a category; use: {string.Join(", ", NotificationCategory.All)}.");
                continue;
            }

            foreach (var (channel, on) in channels ?? [])
            {
                if (!ChannelNames.All.Contains(channel)) errors.Add($"channels.{category}.{channel}", $"is not a channel; use: {string.Join(", ", ChannelNames.All)}.");
                else errors.When(category == NotificationCategory.Transactional && !on, $"channels.{category}.{channel}", "transactional messages cannot be turned off.");
            }
        }

        return errors;
    }
}
