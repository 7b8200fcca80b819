using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Notifications.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KamHub.Notifications.Admin;

/// <summary>GET /api/admin/notifications?recipient=&amp;status=&amp;booking=&amp;cursor=&amp;limit=: the delivery log, keyset-paged on the (time-ordered) id.</summary>
internal static class ListDeliveriesEndpoint
{
    public const int MaxLimit = 200;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/notifications", ListAsync).RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Notifications").Produces<DeliveryPage>()
            .WithSummary("The notification delivery log, newest first.");

    private static async Task<IResult> ListAsync(string? recipient, string? status, string? booking, string? cursor, int? limit, NotificationsDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.When(status is not null && !DeliveryStatus.All.Contains(status), "status", $"must be one of: {string.Join(", ", DeliveryStatus.All)}.");
        errors.Optional(recipient, "recipient", Delivery.RecipientMaxLength);
        Guid? bookingId = null;
        if (!string.IsNullOrEmpty(booking))
        {
            if (Guid.TryParse(booking, out var parsed)) bookingId = parsed;
            else errors.Add("booking", "must be a booking id.");
        }

        var after = errors.IdCursor(cursor);
        var take = errors.Limit(limit, 50, MaxLimit);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var rows = db.Deliveries.AsNoTracking();
        if (!string.IsNullOrEmpty(recipient)) rows = rows.Where(d => d.Recipient == recipient);
        if (status is not null) rows = rows.Where(d => d.Status == status);
        if (bookingId is { } forBooking) rows = rows.Where(d => d.BookingId == forBooking);
        if (after is { } last) rows = rows.Where(d => d.Id.CompareTo(last) < 0);
        var page = await rows.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var items = page.Take(take).Select(DeliveryDto.From).ToList();
        return TypedResults.Ok(new DeliveryPage(items, page.Count > take ? items[^1].Id.ToString() : null));
    }
}
