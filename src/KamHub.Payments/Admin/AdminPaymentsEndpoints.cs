using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Payments.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Admin;

/// <summary>
/// Admins look payments up by booking (support: "did my payment go through?") or by id, with their refunds, and page
/// through the most recent ones (the console's payments list), filtered by status and provider.
/// </summary>
internal static class AdminPaymentsEndpoints
{
    private const int MaxLimit = 100;
    private static readonly string[] Statuses = [PaymentStatus.Pending, PaymentStatus.Succeeded, PaymentStatus.Failed];

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/payments").RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Payments");
        group.MapGet("/", ListAsync);
        group.MapGet("/webhooks", WebhooksAsync).Produces<WebhookReceiptList>();
        group.MapGet("/{id}", GetAsync).Produces<PaymentDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A booking's payments, oldest first (all of them, one page); without a booking the newest payments first, keyset-paged.</summary>
    private static async Task<Results<Ok<PaymentList>, ValidationProblem>> ListAsync(string? booking, string? status, string? provider, string? cursor, int? limit,
        PaymentsDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        Guid? bookingId = null;
        if (booking is not null)
        {
            if (Guid.TryParse(booking, out var parsed)) bookingId = parsed;
            else errors.Add("booking", "must be a booking id.");
        }

        errors.When(status is not null && !Statuses.Contains(status, StringComparer.Ordinal), "status", $"must be one of {string.Join(", ", Statuses)}.");
        // Provider names are short lowercase words; anything else (a NUL byte PostgreSQL refuses, say) never reaches a query.
        errors.When(provider is not null && (provider.Length is 0 or > 32 || !provider.All(char.IsAsciiLetterLower)), "provider",
            "must be a provider name (sandbox, stripe, yookassa, cloudpayments).");
        var after = errors.IdCursor(cursor);
        var take = errors.Limit(limit, 20, MaxLimit);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var payments = db.Payments.AsNoTracking();
        if (status is not null) payments = payments.Where(p => p.Status == status);
        if (provider is not null) payments = payments.Where(p => p.Provider == provider);
        if (bookingId is { } id)
        {
            var ofBooking = await payments.Where(p => p.BookingId == id).OrderBy(p => p.Id).ToListAsync(ct);
            return TypedResults.Ok(new PaymentList(await WithRefundsAsync(db, ofBooking, ct), null));
        }

        if (after is { } last) payments = payments.Where(p => p.Id.CompareTo(last) < 0);
        var rows = await payments.OrderByDescending(p => p.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return TypedResults.Ok(new PaymentList(await WithRefundsAsync(db, page, ct), rows.Count > take ? page[^1].Id.ToString() : null));
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
