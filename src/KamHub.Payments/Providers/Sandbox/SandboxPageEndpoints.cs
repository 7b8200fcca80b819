using KamHub.Core.Errors;
using KamHub.Payments.Data;
using KamHub.Payments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace KamHub.Payments.Providers.Sandbox;

/// <summary>
/// The sandbox's hosted page and its two buttons. Pay/decline make the provider side send its signed webhook and wait
/// for KamHub's answer; scripts asking for JSON get the outcome, browsers a 303 back to the page, which shows it.
/// </summary>
internal static class SandboxPageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/pay/sandbox").AllowAnonymous().WithTags("Sandbox").DisableAntiforgery();
        group.MapGet("/{paymentId}", PageAsync).Produces<string>(StatusCodes.Status200OK, "text/html");
        group.MapPost("/{paymentId}/pay", (string paymentId, HttpRequest request, PaymentsDbContext db, SandboxWebhookSender sender, SandboxPresses presses,
            TimeProvider clock, CancellationToken ct) => ActAsync(paymentId, SandboxEvent.PaymentSucceeded, request, db, sender, presses, clock, ct))
            .Produces<SandboxPress>().Produces(StatusCodes.Status303SeeOther).ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPost("/{paymentId}/decline", (string paymentId, HttpRequest request, PaymentsDbContext db, SandboxWebhookSender sender, SandboxPresses presses,
            TimeProvider clock, CancellationToken ct) => ActAsync(paymentId, SandboxEvent.PaymentFailed, request, db, sender, presses, clock, ct))
            .Produces<SandboxPress>().Produces(StatusCodes.Status303SeeOther).ProducesProblem(StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> PageAsync(string paymentId, PaymentsDbContext db, CancellationToken ct) =>
        await FindAsync(paymentId, db, ct) is { } payment
            ? TypedResults.Content(SandboxPage.Render(payment), "text/html; charset=utf-8")
            : Problems.NotFound($"There is no sandbox payment {paymentId}.");

    private static async Task<IResult> ActAsync(string paymentId, string type, HttpRequest request, PaymentsDbContext db, SandboxWebhookSender sender,
        SandboxPresses presses, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(paymentId, db, ct) is not { } payment) return Problems.NotFound($"There is no sandbox payment {paymentId}.");
        if (payment.Status != PaymentStatus.Pending) return Problems.Conflict($"This payment is already {payment.Status}.");

        var data = new SandboxEventData(payment.Id, payment.ProviderPaymentId ?? SandboxProvider.ProviderPaymentId(payment.Id), payment.AmountMinor, payment.Currency,
            type == SandboxEvent.PaymentFailed ? "card_declined" : null);
        // The provider side remembers the press before telling KamHub, as a real provider has taken the money before its
        // webhook leaves: reconciliation can then find a payment whose webhook never arrived.
        presses.Record(payment.Id, type);
        var delivery = await sender.SendAsync(new SandboxEvent($"evt_{Guid.NewGuid():N}", type, clock.GetUtcNow().ToUnixTimeSeconds(), data), ct);
        if (!delivery.Accepted)
            return TypedResults.Problem($"KamHub did not accept the sandbox webhook (status {delivery.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unreachable"}).",
                statusCode: StatusCodes.Status502BadGateway, title: "Webhook not delivered", type: ProblemTypes.ForStatus(StatusCodes.Status502BadGateway));

        if (!WantsJson(request)) return new SeeOther($"/pay/sandbox/{payment.Id}");
        var now = (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, ct)).Status;
        // Concurrent clicks all pass the pending check above; only the one whose webhook made the transition was the payment.
        if (delivery.Outcome != WebhookOutcome.Transitioned) return Problems.Conflict($"This payment is already {now}.");
        return TypedResults.Ok(new SandboxPress(payment.Id, type == SandboxEvent.PaymentSucceeded ? "paid" : "declined", now, delivery.Status));
    }

    private static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private static async Task<Payment?> FindAsync(string paymentId, PaymentsDbContext db, CancellationToken ct) =>
        Guid.TryParse(paymentId, out var id)
            ? await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.Provider == SandboxProvider.ProviderName, ct)
            : null;

    /// <summary>303: the browser follows with a GET of the page, which now shows the outcome.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers[HeaderNames.Location] = location;
            return Task.CompletedTask;
        }
    }
}
