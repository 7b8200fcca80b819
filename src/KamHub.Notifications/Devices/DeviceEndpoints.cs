using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Notifications.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Notifications.Devices;

/// <summary>
/// /api/me/devices: the signed-in user's push devices. POST is idempotent on (user, token): registering a known token again
/// answers 200 with the same device (reactivated if a provider had reported it gone); a new one answers 201. A token
/// registered by another account before moves to the one registering it now.
/// </summary>
internal static class DeviceEndpoints
{
    /// <summary>Phones, tablets and browsers of one person; more looks like a client registering on every start without reusing its token.</summary>
    public const int MaxActiveDevices = 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/devices").RequireAuthorization().WithTags("Notifications");
        group.MapPost("", RegisterAsync).WithSummary("Register a push device token (idempotent per token).")
            .Produces<DeviceDto>(StatusCodes.Status201Created).Produces<DeviceDto>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListAsync).WithSummary("My push devices.").Produces<IReadOnlyList<DeviceDto>>();
        group.MapDelete("/{id:guid}", RemoveAsync).WithSummary("Remove one of my push devices.").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> RegisterAsync(RegisterDeviceRequest request, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var errors = DeviceValidator.Validate(request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = StoredTime.Now(clock);
        // A token belongs to one app install: someone else signing in on that phone takes it over, so the previous
        // account's bookings stop arriving there.
        await db.Devices.Where(d => d.Token == request.Token && d.UserId != userId).ExecuteDeleteAsync(ct);
        var existing = await db.Devices.FirstOrDefaultAsync(d => d.UserId == userId && d.Token == request.Token, ct);
        if (existing is not null)
        {
            existing.Platform = request.Platform!;
            existing.Active = true;
            existing.DeactivatedAt = null;
            existing.DeactivationReason = null;
            existing.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(DeviceDto.From(existing));
        }

        if (await db.Devices.CountAsync(d => d.UserId == userId && d.Active, ct) >= MaxActiveDevices)
            return Problems.Unprocessable($"You have {MaxActiveDevices} active devices; remove one before adding another.");

        var device = new PushDevice
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), UserId = userId, Platform = request.Platform!, Token = request.Token!, CreatedAt = now, UpdatedAt = now,
        };
        db.Devices.Add(device);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same token registered twice at once: the other request made the row, which is the answer.
            db.ChangeTracker.Clear();
            var winner = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId && d.Token == request.Token, ct);
            return winner is null ? Problems.Conflict("The device was registered at the same moment; send it again.") : TypedResults.Ok(DeviceDto.From(winner));
        }

        return TypedResults.Created($"/api/me/devices/{device.Id}", DeviceDto.From(device));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var devices = await db.Devices.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.Id).ToListAsync(ct);
        return TypedResults.Ok(devices.Select(DeviceDto.From).ToList());
    }

    private static async Task<IResult> RemoveAsync(Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        // Pushes already queued for it are skipped at send time (the device is gone).
        var removed = await db.Devices.Where(d => d.Id == id && d.UserId == userId).ExecuteDeleteAsync(ct);
        return removed == 0 ? Problems.NotFound($"You have no device {id}.") : TypedResults.NoContent();
    }
}
