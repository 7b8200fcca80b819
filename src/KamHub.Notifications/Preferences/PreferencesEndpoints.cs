using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Notifications.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Notifications.Preferences;

/// <summary>GET/PUT /api/me/notification-preferences: the signed-in user's own settings (PUT replaces them whole).</summary>
internal static class PreferencesEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/notification-preferences").RequireAuthorization().WithTags("Notifications");
        group.MapGet("", GetAsync).WithSummary("My notification preferences.").Produces<PreferencesDto>();
        group.MapPut("", PutAsync).WithSummary("Replace my notification preferences.").Produces<PreferencesDto>();
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        if (user.GetUserId() is not { } id) return Problems.Unauthorized("The token names no user.");
        return TypedResults.Ok(PreferencesDto.From(await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == id, ct)));
    }

    private static async Task<IResult> PutAsync(PreferencesDto request, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } id) return Problems.Unauthorized("The token names no user.");
        var errors = PreferencesValidator.Validate(request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var row = await db.Preferences.FirstOrDefaultAsync(p => p.UserId == id, ct);
        if (row is null) db.Preferences.Add(row = new UserPreferences { UserId = id });
        row.Language = request.Language;
        row.TimeZone = request.TimeZone;
        row.Phone = PhoneNumbers.ToE164(request.Phone);
        row.QuietHoursStart = request.QuietHours?.Start;
        row.QuietHoursEnd = request.QuietHours?.End;
        row.OptOuts = string.Join(',', (request.Channels ?? []).SelectMany(c => (c.Value ?? []).Where(ch => !ch.Value).Select(ch => $"{c.Key}.{ch.Key}"))
            .Order(StringComparer.Ordinal));
        row.UpdatedAt = StoredTime.Now(clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first PUTs of one user at once: the other one created the row.
            return Problems.Conflict("Your preferences were changed at the same moment; send them again.");
        }

        return TypedResults.Ok(PreferencesDto.From(row));
    }
}
