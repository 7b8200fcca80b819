using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Payments.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Admin;

/// <summary>Admins look payments up by booking (support: "did my payment go through?") or by id, with their refunds.</summary>
internal static class AdminPaymentsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/payments").RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Payments");
        group.MapGet("/", ListAsync).Produces<PaymentList>();
        group.MapGet("/webhooks", WebhooksAsync).Produces<WebhookReceiptList>();
        group.MapGet("/{id}", GetAsync).Produces<PaymentDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string? booking, PaymentsDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(booking)) return Problems.Validation("booking", "is required: the booking id whose payments to list.");
        if (!Guid.TryParse(booking, out var bookingId)) return Problems.Validation("booking", "must be a booking id.");
        var payments = await db.Payments.AsNoTracking().Where(p => p.BookingId == bookingId).OrderBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(new PaymentList(await WithRefundsAsync(db, payments, ct)));
    }

    /// <summary>The provider notifications that reached the booking's payments (the per-booking timeline shows them).</summary>
    private static async Task<IResult> WebhooksAsync(string? booking, PaymentsDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(booking)) return Problems.Validation("booking", "is required: the booking id whose payments' webhooks to list.");
        if (!Guid.TryParse(booking, out var bookingId)) return Problems.Validation("booking", "must be a booking id.");
        var payments = await db.Payments.AsNoTracking().Where(p => p.BookingId == bookingId).Select(p => p.Id).ToListAsync(ct);
        var receipts = await db.WebhookReceipts.AsNoTracking().Where(w => w.PaymentId != null && payments.Contains(w.PaymentId.Value))
            .OrderBy(w => w.ReceivedAt).ThenBy(w => w.Id).ToListAsync(ct);
        return TypedResults.Ok(new WebhookReceiptList(receipts.Select(w => new WebhookReceiptDto(w.Id, w.Provider, w.ProviderEventId, w.Kind, w.PaymentId, w.Outcome,
            StoredTime.Utc(w.ReceivedAt))).ToList()));
    }

    private static async Task<IResult> GetAsync(string id, PaymentsDbContext db, CancellationToken ct)
    {
        var payment = Guid.TryParse(id, out var paymentId) ? await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct) : null;
        if (payment is null) return Problems.NotFound($"There is no payment {id}.");
        return TypedResults.Ok((await WithRefundsAsync(db, [payment], ct))[0]);
    }

    public static async Task<List<PaymentDto>> WithRefundsAsync(PaymentsDbContext db, List<Payment> payments, CancellationToken ct)
    {
        var ids = payments.Select(p => p.Id).ToList();
        var refunds = await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.PaymentId)).ToListAsync(ct);
        return payments.Select(p => PaymentDto.From(p, refunds)).ToList();
    }
}
