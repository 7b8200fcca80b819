using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Notifications.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Notifications.Admin;

/// <summary>
/// POST /api/admin/notifications/{id}/resend: a dead (or failing) delivery goes back on the queue now with its attempts
/// reset, after the cause (a provider's outage, a wrong key) was fixed. The same row is sent, so its key still makes a
/// second resend or a redelivered event harmless. Sent, queued, cancelled and skipped deliveries are not resent (409).
/// </summary>
internal static class ResendDeliveryEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/notifications/{id:guid}/resend", HandleAsync).RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Notifications")
            .Produces<DeliveryDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Puts a dead or failed delivery back on the queue.");

    private static async Task<IResult> HandleAsync(Guid id, NotificationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = StoredTime.Now(clock);
        var requeued = await db.Deliveries.Where(d => d.Id == id && (d.Status == DeliveryStatus.Dead || d.Status == DeliveryStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.Attempts, 0).SetProperty(d => d.NotBefore, now)
                .SetProperty(d => d.LeaseToken, (Guid?)null).SetProperty(d => d.UpdatedAt, now), ct);
        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null) return Problems.NotFound($"There is no delivery {id}.");
        if (requeued == 0) return Problems.Conflict($"The delivery is {delivery.Status}; only dead or failed deliveries are resent.");
        return TypedResults.Ok(DeliveryDto.From(delivery));
    }
}
