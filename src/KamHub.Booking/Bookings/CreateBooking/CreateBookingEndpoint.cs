using System.Security.Claims;
using KamHub.Booking.Data;
using KamHub.Core.Errors;
using KamHub.Core.Hosting;
using KamHub.Core.Security;
using KamHub.Payments.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KamHub.Core.Time;

namespace KamHub.Booking.Bookings.CreateBooking;

internal static class CreateBookingEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/bookings", HandleAsync).RequireAuthorization().RequireRateLimiting(RateLimitPolicies.Bookings).WithTags("Bookings")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Bound as optional so a missing key is a validation problem naming the header, but every booking needs one.
                if (operation.Parameters?.FirstOrDefault(p => p.Name == IdempotencyFingerprint.Header) is OpenApiParameter key)
                {
                    key.Required = true;
                    key.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = TourBooking.IdempotencyKeyMaxLength };
                    key.Description = "A unique key per booking attempt, sent again unchanged on retries: a retry gets the same booking back.";
                }

                return Task.CompletedTask;
            });

    private static async Task<Results<Created<BookingWithPayment<PaymentStart>>, Ok<BookingWithPayment<PaymentStart>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateBookingRequest request, [FromHeader(Name = IdempotencyFingerprint.Header)] string? idempotencyKey, ClaimsPrincipal user, CreateBookingHandler handler,
        BookingDbContext db, IServiceProvider services, IOptions<BookingOptions> options, TimeProvider clock,
        ILogger<CreateBookingHandler> logger, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return Problems.Unauthorized("The token names no user.");
        var errors = request.Validate(options.Value.MaxSeatsPerBooking);
        var sale = await AgentSale.OfAsync(user, userId, request, errors, services, ct);
        var key = idempotencyKey ?? "";
        if (string.IsNullOrWhiteSpace(key)) errors.Add(IdempotencyFingerprint.Header, "header is required: a unique key per booking attempt, reused on retries.");
        else errors.When(key.Length > TourBooking.IdempotencyKeyMaxLength, IdempotencyFingerprint.Header, $"must be at most {TourBooking.IdempotencyKeyMaxLength} characters.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var (outcome, booking, detail, departure) = await handler.HandleAsync(sale?.CustomerId ?? userId, key, request, sale, ct);
        switch (outcome)
        {
            case CreateOutcome.NoDeparture: return Problems.NotFound(detail!);
            case CreateOutcome.NotGranted: return Problems.Forbidden(detail!);
            case CreateOutcome.KeyReused or CreateOutcome.PointsRefused: return Problems.Unprocessable(detail!);
            case CreateOutcome.Closed or CreateOutcome.SoldOut or CreateOutcome.PointsInsufficient: return Problems.Conflict(detail!);
        }

        departure ??= await db.Departures.AsNoTracking().FirstOrDefaultAsync(d => d.Id == booking!.DepartureId, ct);
        var payment = await StartPaymentAsync(services.GetService<IPaymentInitiator>(), booking!, outcome == CreateOutcome.Created, logger, ct);
        var body = new BookingWithPayment<PaymentStart>(BookingDto.From(booking!, departure, StoredTime.Now(clock)), payment);
        var location = $"/api/bookings/{booking!.Id}";
        return outcome == CreateOutcome.Created ? TypedResults.Created(location, body) : TypedResults.Ok(body);
    }

    /// <summary>
    /// After the commit: the hold exists whatever the provider does. Without a Payments module in the process the
    /// answer's payment is null; a failing provider is logged and the client retries with the same Idempotency-Key.
    /// </summary>
    private static async Task<PaymentStart?> StartPaymentAsync(IPaymentInitiator? payments, TourBooking booking, bool created, ILogger logger, CancellationToken ct)
    {
        if (payments is null || booking.Status != BookingStatus.Held) return null;
        try
        {
            return await payments.StartAsync(new PaymentStartRequest(booking.Id, booking.Reference, booking.OperatorId, booking.CustomerId, booking.ContactEmail,
                booking.AmountMinor, booking.Currency, StoredTime.Utc(booking.HoldExpiresAt), created, booking.DiscountMinor, booking.AgentId,
                booking.AgentCommissionBasisPoints ?? 0, booking.AgencyId), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Starting the payment of booking {BookingId} failed; the hold stands", booking.Id);
            return null;
        }
    }
}
