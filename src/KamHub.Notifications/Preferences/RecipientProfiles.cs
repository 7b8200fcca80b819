using KamHub.Identity.Contracts;
using KamHub.Notifications.Data;
using KamHub.Notifications.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Notifications.Preferences;

/// <summary>
/// Builds a recipient's profile: language = theirs, else the operator's (any of its users who chose one), else ru;
/// time zone = theirs, else the departure's, else the configured default.
/// </summary>
internal sealed class RecipientProfiles(NotificationsDbContext db, IUserDirectory users, IOptions<NotificationsOptions> options)
{
    private readonly Dictionary<Guid, string?> _operatorLanguages = [];

    public async Task<RecipientProfile> ForAsync(Guid? userId, Guid? operatorId, string? departureZone, CancellationToken ct)
    {
        var preferences = userId is { } id ? await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == id, ct) : null;
        var language = preferences?.Language
            ?? (operatorId is { } op ? await OperatorLanguageAsync(op, ct) : null)
            ?? TemplateRenderer.FallbackLanguage;
        var zone = new[] { preferences?.TimeZone, departureZone, options.Value.DefaultTimeZone }.First(z => TimeZones.Find(z) is not null)!;
        return new RecipientProfile(userId, language, zone, preferences);
    }

    private async Task<string?> OperatorLanguageAsync(Guid operatorId, CancellationToken ct)
    {
        if (_operatorLanguages.TryGetValue(operatorId, out var known)) return known;
        var ids = (await users.OperatorUsersAsync(operatorId, ct)).Select(u => u.UserId).ToList();
        var language = ids.Count == 0 ? null : await db.Preferences.AsNoTracking()
            .Where(p => ids.Contains(p.UserId) && p.Language != null).OrderBy(p => p.UpdatedAt).Select(p => p.Language).FirstOrDefaultAsync(ct);
        _operatorLanguages[operatorId] = language;
        return language;
    }
}
