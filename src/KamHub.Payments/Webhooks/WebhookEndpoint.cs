using KamHub.Core.Errors;
using KamHub.Payments.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KamHub.Payments.Webhooks;

/// <summary>
/// POST /api/payments/webhooks/{provider}: the provider verifies (signature, timestamp, allowlist, re-fetch) from the
/// exact bytes received; a rejection answers its 4xx and changes nothing; an accepted notification is applied once.
/// POST /api/payments/webhooks/{provider}/{type}: the same, for providers that post each notification type to its own
/// URL (CloudPayments), so the type is the one the provider named rather than one inferred from the fields.
/// </summary>
internal static class WebhookEndpoint
{
    private const int MaxBodyBytes = 256 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/payments/webhooks/{provider}", (string provider, HttpContext http, PaymentProviders providers, WebhookPaymentLookup lookup,
                WebhookProcessor processor, PaymentsMetrics metrics, TimeProvider clock, CancellationToken ct) =>
            HandleAsync(provider, null, http, providers, lookup, processor, metrics, clock, ct)).AllowAnonymous().WithTags("Payments").DisableAntiforgery()
            .Produces<WebhookAnswer>().ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/api/payments/webhooks/{provider}/{type}", HandleAsync).AllowAnonymous().WithTags("Payments").DisableAntiforgery()
            .Produces<WebhookAnswer>().ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> HandleAsync(string provider, string? type, HttpContext http, PaymentProviders providers, WebhookPaymentLookup lookup,
        WebhookProcessor processor, PaymentsMetrics metrics, TimeProvider clock, CancellationToken ct)
    {
        var reader = providers.Find(provider);
        if (reader is null) return Problems.NotFound($"There is no payment provider '{provider}' here.");
        if (type is not null && (reader is not ITypedWebhooks typed || !typed.KnowsNotificationType(type)))
            return Problems.NotFound($"Payment provider '{provider}' has no '{type}' notifications.");
        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            metrics.Rejected(reader.Name, "too-large");
            return Problems.Validation("body", $"must be at most {MaxBodyBytes} bytes.");
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var verdict = await reader.ReadWebhookAsync(new IncomingWebhook(body, headers, http.Connection.RemoteIpAddress, clock.GetUtcNow(), type), lookup, ct);
        if (verdict.IsUnavailable)
        {
            // Not the request's fault: say what could not be done, and when to deliver again.
            metrics.Rejected(reader.Name, "unverifiable-now");
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(verdict.RejectReason ?? "The notification cannot be verified just now. Deliver it again.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Provider not reachable", type: ProblemTypes.ForStatus(StatusCodes.Status503ServiceUnavailable));
        }

        if (!verdict.Accepted)
        {
            metrics.Rejected(reader.Name, verdict.RejectReason ?? "rejected");
            var status = verdict.StatusCode is >= 400 and < 500 ? verdict.StatusCode : StatusCodes.Status400BadRequest;
            return TypedResults.Problem(verdict.RejectReason ?? "The notification was rejected.", statusCode: status, title: "Webhook rejected",
                type: ProblemTypes.ForStatus(status));
        }

        if (verdict.Kind is WebhookEventKind.Succeeded or WebhookEventKind.Failed or WebhookEventKind.Refunded)
        {
            if (string.IsNullOrEmpty(verdict.ProviderEventId))
            {
                // Each reader refuses these itself; this is the last guard, so a gap in one is a 400 and not a 500.
                metrics.Rejected(reader.Name, "no-event-id");
                return Problems.Validation("id", "the notification names no event id.");
            }

            var outcome = await processor.ApplyAsync(reader.Name, verdict, ct);
            if (outcome == WebhookOutcome.AmountMismatch)
            {
                metrics.Rejected(reader.Name, outcome);
                return Problems.Unprocessable("The notification's amount or currency is missing, unreadable or not the payment's.");
            }

            if (outcome == WebhookOutcome.RefundUnidentified)
            {
                // Every provider delivers a non-2xx notification again; by then our call's answer has stored the refund's id.
                metrics.Rejected(reader.Name, outcome);
                http.Response.Headers.RetryAfter = "60";
                return TypedResults.Problem("The refund cannot be matched yet: a refund of this amount still awaits the provider's answer. Deliver it again.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Refund not matched yet", type: ProblemTypes.ForStatus(StatusCodes.Status503ServiceUnavailable));
            }

            if (verdict.ResponseBody is null) return TypedResults.Ok(new WebhookAnswer(outcome));
        }

        return verdict.ResponseBody is { } response ? TypedResults.Text(response, "application/json") : TypedResults.Ok(new WebhookAnswer("ignored"));
    }

    /// <summary>The exact bytes: signatures cover them, so nothing may parse or re-encode first. Null when over the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
