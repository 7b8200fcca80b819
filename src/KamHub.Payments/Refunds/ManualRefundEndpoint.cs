using KamHub.Core.Data;
using System.Security.Claims;
using KamHub.Core.Errors;
using KamHub.Core.Security;
using KamHub.Payments.Admin;
using KamHub.Payments.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using KamHub.Core.Time;

namespace KamHub.Payments.Refunds;

internal sealed record ManualRefundRequest(long? AmountMinor);

/// <summary>
/// POST /api/admin/payments/{id}/refunds { amountMinor }: a partial or full refund by an admin. The amount is reserved
/// and the refund recorded (committed) before the provider is asked, so a crash or a provider outage leaves a requested
/// refund that <see cref="RefundRetrier"/> finishes, never a refund the ledger does not know. 201 when done or pending at
/// the provider, 202 when the provider could not be reached yet.
/// </summary>
internal static class ManualRefundEndpoint
{
    public const string Reason = "manual";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/payments/{id}/refunds", HandleAsync).RequireAuthorization(AuthenticationRegistration.AdminPolicy).WithTags("Payments")
            .Produces<RefundDto>(StatusCodes.Status201Created).Produces<RefundDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> HandleAsync(string id, ManualRefundRequest? request, ClaimsPrincipal user, PaymentsDbContext db, RefundBook book,
        RefundExecutor executor, TimeProvider clock, CancellationToken ct)
    {
        if (request?.AmountMinor is not { } amount || amount <= 0) return Problems.Validation("amountMinor", "must be a positive amount in minor units.");
        var payment = Guid.TryParse(id, out var paymentId) ? await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct) : null;
        if (payment is null) return Problems.NotFound($"There is no payment {id}.");
        if (payment.Status != PaymentStatus.Succeeded) return Problems.Conflict($"Only a succeeded payment can be refunded; this one is {payment.Status}.");

        var now = StoredTime.Now(clock);
        var refund = await RetryingTransaction.RunAsync(db, async token =>
        {
            if (!await book.ReserveAsync(payment.Id, amount, now, token)) return (false, (Refund?)null);
            return (true, book.Add(payment, Guid.CreateVersion7(), amount, Reason, null, user.GetUserId(), now));
        }, ct);
        if (refund is null)
        {
            var rest = await db.Payments.AsNoTracking().Where(p => p.Id == payment.Id).Select(p => p.CapturedMinor - p.RefundingMinor).SingleAsync(ct);
            return Problems.Unprocessable($"Only {rest} {payment.Currency} (minor units) of this payment is left to refund.");
        }

        var done = await executor.ExecuteAsync(refund.Id, ct) ?? refund;
        var body = RefundDto.From(done);
        return done.Status == RefundStatus.Requested
            ? TypedResults.Accepted($"/api/admin/payments/{payment.Id}", body)
            : TypedResults.Created($"/api/admin/payments/{payment.Id}", body);
    }
}
