using System.Net;
using KamHub.IntegrationTests.Payments.Providers.Fakes;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Http;

namespace KamHub.IntegrationTests.Payments.Providers;

public sealed class StripeProviderTests : IAsyncLifetime
{
    private const string Section = "KamHub:Payments:Stripe";
    private FakeStripe stripe = null!;
    private ProviderHost host = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripe.StartAsync();
        host = Host();
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await stripe.DisposeAsync();
    }

    private ProviderHost Host(params (string Key, string Value)[] extra)
    {
        var settings = ProviderHost.FastRetries(Section);
        settings[$"{Section}:SecretKey"] = FakeStripe.SecretKey;
        settings[$"{Section}:WebhookSecret"] = FakeStripe.WebhookSecret;
        settings[$"{Section}:ApiBase"] = stripe.Server.BaseAddress.ToString();
        foreach (var (key, value) in extra) settings[$"{Section}:{key}"] = value;
        return ProviderHost.Create(settings);
    }

    private IPaymentProvider Provider => host.Provider("stripe");

    private static ProviderPaymentRequest Payment(long amount = 450_000) => new(
        Guid.NewGuid(), Guid.NewGuid(), "KH-7Q2M", amount, "RUB", "tourist@example.com", "Avachinsky volcano, 1 July", DateTimeOffset.UtcNow.AddMinutes(15), null);

    [Fact]
    public async Task StartAsync_WhenCalled_CreatesPaymentIntentWithOurIdsAndIdempotencyKey()
    {
        var request = Payment();

        var start = await Provider.StartAsync(request, default);

        var sent = Assert.Single(stripe.Server.RequestsTo("/v1/payment_intents"));
        Assert.Equal("POST", sent.Method);
        Assert.Equal($"Bearer {FakeStripe.SecretKey}", sent.Header("Authorization"));
        Assert.Equal(request.PaymentId.ToString(), sent.Header("Idempotency-Key"));
        Assert.Contains("amount=450000", sent.Body, StringComparison.Ordinal);
        Assert.Contains("currency=rub", sent.Body, StringComparison.Ordinal);
        Assert.Contains($"metadata[payment_id]={request.PaymentId}", Uri.UnescapeDataString(sent.Body), StringComparison.Ordinal);
        Assert.Contains($"metadata[booking_id]={request.BookingId}", Uri.UnescapeDataString(sent.Body), StringComparison.Ordinal);
        Assert.StartsWith("pi_", start.ProviderPaymentId, StringComparison.Ordinal);
        Assert.Equal($"{start.ProviderPaymentId}_secret_test", start.ConfirmationToken);
    }

    [Fact]
    public async Task StartAsync_WhenCalledTwiceForOnePayment_CreatesOneIntent()
    {
        var request = Payment();

        var first = await Provider.StartAsync(request, default);
        var second = await Provider.StartAsync(request, default);

        Assert.Equal(first.ProviderPaymentId, second.ProviderPaymentId);
        Assert.Equal(1, stripe.ObjectsCreated);
    }

    [Fact]
    public async Task StartAsync_WhenStripeFailsTwiceWith503_RetriesWithTheSameIdempotencyKey()
    {
        stripe.Server.FailNext(2, HttpStatusCode.ServiceUnavailable);
        var request = Payment();

        var start = await Provider.StartAsync(request, default);

        var attempts = stripe.Server.RequestsTo("/v1/payment_intents");
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(request.PaymentId.ToString(), a.Header("Idempotency-Key")));
        Assert.StartsWith("pi_", start.ProviderPaymentId, StringComparison.Ordinal);
        Assert.Equal(1, stripe.ObjectsCreated);
    }

    [Fact]
    public async Task StartAsync_WhenStripeRejectsTheRequest_ThrowsNonTransientWithoutRetrying()
    {
        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() => Provider.StartAsync(Payment(amount: 10), default));

        Assert.False(error.IsTransient);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("amount_too_small", error.ProviderCode);
        Assert.Single(stripe.Server.RequestsTo("/v1/payment_intents"));
    }

    [Fact]
    public async Task StartAsync_WhenSecretKeyIsWrong_ThrowsNonTransient()
    {
        using var wrongKey = Host(("SecretKey", "sk_test_wrong"));

        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() => wrongKey.Provider("stripe").StartAsync(Payment(), default));

        Assert.Equal(401, error.HttpStatus);
    }

    [Fact]
    public async Task StartAsync_WhenStripeKeepsFailing_ThrowsTransientAfterRetries()
    {
        stripe.Server.FailNext(10, HttpStatusCode.InternalServerError);

        var error = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => Provider.StartAsync(Payment(), default));

        Assert.True(error.IsTransient);
        Assert.Equal(4, stripe.Server.RequestsTo("/v1/payment_intents").Count); // the first try and three retries
    }

    [Fact]
    public async Task StartAsync_WhenStripeDoesNotAnswer_ThrowsTransient()
    {
        using var impatient = Host(("Resilience:AttemptTimeout:Timeout", "00:00:00.200"), ("Resilience:TotalRequestTimeout:Timeout", "00:00:01"));
        stripe.Server.HangNext(10);

        var error = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => impatient.Provider("stripe").StartAsync(Payment(), default));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WhenFailuresOpenTheCircuit_FailsFastWithoutCallingStripe()
    {
        using var fragile = Host(("Resilience:CircuitBreaker:MinimumThroughput", "2"), ("Resilience:CircuitBreaker:BreakDuration", "00:01:00"));
        stripe.Server.FailNext(100, HttpStatusCode.InternalServerError);
        await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => fragile.Provider("stripe").StartAsync(Payment(), default));
        var callsBefore = stripe.Server.Requests.Count;

        var error = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => fragile.Provider("stripe").StartAsync(Payment(), default));

        Assert.Contains("circuit open", error.Message, StringComparison.Ordinal);
        Assert.Equal(callsBefore, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task RefundAsync_WhenCalled_SendsRefundIdAsIdempotencyKeyAndReportsCompletion()
    {
        var payment = Payment();
        var start = await Provider.StartAsync(payment, default);
        var refundId = Guid.NewGuid();

        var result = await Provider.RefundAsync(new ProviderRefundRequest(refundId, payment.PaymentId, start.ProviderPaymentId, 225_000, "RUB"), default);

        var sent = Assert.Single(stripe.Server.RequestsTo("/v1/refunds"));
        Assert.Equal(refundId.ToString(), sent.Header("Idempotency-Key"));
        Assert.Contains($"payment_intent={start.ProviderPaymentId}", sent.Body, StringComparison.Ordinal);
        Assert.Contains("amount=225000", sent.Body, StringComparison.Ordinal);
        Assert.Contains($"metadata[refund_id]={refundId}", Uri.UnescapeDataString(sent.Body), StringComparison.Ordinal);
        Assert.True(result.Completed);
        Assert.StartsWith("re_", result.ProviderRefundId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefundAsync_WhenStripeReportsPending_ReportsNotCompleted()
    {
        var payment = Payment();
        var start = await Provider.StartAsync(payment, default);
        stripe.RefundStatus = "pending";

        var result = await Provider.RefundAsync(new ProviderRefundRequest(Guid.NewGuid(), payment.PaymentId, start.ProviderPaymentId, 1000, "RUB"), default);

        Assert.False(result.Completed);
    }

    [Fact]
    public async Task RefundAsync_WhenAmountExceedsTheCharge_ThrowsNonTransient()
    {
        var payment = Payment();
        var start = await Provider.StartAsync(payment, default);

        var error = await Assert.ThrowsAsync<PaymentProviderRejectedException>(() =>
            Provider.RefundAsync(new ProviderRefundRequest(Guid.NewGuid(), payment.PaymentId, start.ProviderPaymentId, 999_999, "RUB"), default));

        Assert.Equal("amount_too_large", error.ProviderCode);
    }

    private Task<WebhookVerdict> Deliver(string payload, string? signature)
    {
        var headers = signature is null ? [] : new[] { ("Stripe-Signature", signature) };
        return Provider.ReadWebhookAsync(Webhooks.Incoming(System.Text.Encoding.UTF8.GetBytes(payload), null, headers), new FakePaymentLookup(), default);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenPaymentIntentSucceededIsSigned_ReturnsSucceededWithOurPaymentId()
    {
        var paymentId = Guid.NewGuid();
        var payload = StripeWebhooks.Event("payment_intent.succeeded", StripeWebhooks.PaymentIntent("pi_123", 450_000, paymentId), id: "evt_ok");

        var verdict = await Deliver(payload, StripeWebhooks.Signature(payload, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow));

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Succeeded, verdict.Kind);
        Assert.Equal("evt_ok", verdict.ProviderEventId);
        Assert.Equal(paymentId, verdict.PaymentId);
        Assert.Equal("pi_123", verdict.ProviderPaymentId);
        Assert.Equal(450_000, verdict.AmountMinor);
        Assert.Equal("RUB", verdict.Currency);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenPaymentFailed_ReturnsFailedWithDeclineCode()
    {
        var payload = StripeWebhooks.Event("payment_intent.payment_failed",
            StripeWebhooks.PaymentIntent("pi_9", 1000, Guid.NewGuid(), "requires_payment_method", declineCode: "insufficient_funds"));

        var verdict = await Deliver(payload, StripeWebhooks.Signature(payload, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow));

        Assert.Equal(WebhookEventKind.Failed, verdict.Kind);
        Assert.Equal("insufficient_funds", verdict.FailureCode);
    }

    [Theory]
    [InlineData("refund.updated")]
    [InlineData("refund.created")]
    public async Task ReadWebhookAsync_WhenRefundSucceeded_ReturnsRefundedWithTheRefundsOwnAmount(string type)
    {
        var paymentId = Guid.NewGuid();
        var payload = StripeWebhooks.Event(type, StripeWebhooks.Refund("re_1", "pi_1", 2500, paymentId));

        var verdict = await Deliver(payload, StripeWebhooks.Signature(payload, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow));

        Assert.Equal(WebhookEventKind.Refunded, verdict.Kind);
        Assert.Equal("re_1", verdict.ProviderRefundId);
        Assert.Equal("pi_1", verdict.ProviderPaymentId);
        Assert.Equal(paymentId, verdict.PaymentId);
        Assert.Equal(2500, verdict.AmountMinor);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenEventIsOfNoInterest_AcceptsAsIgnored()
    {
        var payload = StripeWebhooks.Event("customer.created", new Dictionary<string, object> { ["id"] = "cus_1", ["object"] = "customer" });

        var verdict = await Deliver(payload, StripeWebhooks.Signature(payload, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow));

        Assert.True(verdict.Accepted);
        Assert.Equal(WebhookEventKind.Ignored, verdict.Kind);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenSignedWithAnotherSecret_Rejects()
    {
        var payload = StripeWebhooks.Event("payment_intent.succeeded", StripeWebhooks.PaymentIntent("pi_1", 1000, Guid.NewGuid()));

        var verdict = await Deliver(payload, StripeWebhooks.Signature(payload, "whsec_forged", DateTimeOffset.UtcNow));

        Assert.False(verdict.Accepted);
        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenBodyChangedAfterSigning_Rejects()
    {
        var payload = StripeWebhooks.Event("payment_intent.succeeded", StripeWebhooks.PaymentIntent("pi_1", 1000, Guid.NewGuid()));
        var signature = StripeWebhooks.Signature(payload, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow);

        var verdict = await Deliver(payload.Replace("1000", "1", StringComparison.Ordinal), signature);

        Assert.False(verdict.Accepted);
        Assert.InRange(verdict.StatusCode, 400, 499);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenSignatureHeaderIsMissing_Rejects()
    {
        var payload = StripeWebhooks.Event("payment_intent.succeeded", StripeWebhooks.PaymentIntent("pi_1", 1000, Guid.NewGuid()));

        var verdict = await Deliver(payload, signature: null);

        Assert.False(verdict.Accepted);
        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenSignatureIsOlderThanTheTolerance_RejectsAsReplay()
    {
        var payload = StripeWebhooks.Event("payment_intent.succeeded", StripeWebhooks.PaymentIntent("pi_1", 1000, Guid.NewGuid()));

        var verdict = await Deliver(payload, StripeWebhooks.Signature(payload, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.False(verdict.Accepted);
        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public async Task ReadWebhookAsync_WhenChargeRefundedListsRefunds_ReturnsTheNewestRefundNotTheRunningTotal()
    {
        var paymentId = Guid.NewGuid();
        var ourRefundId = Guid.NewGuid();
        var charge = new Dictionary<string, object?>
        {
            ["id"] = "ch_1", ["object"] = "charge", ["amount"] = 10_000, ["amount_refunded"] = 7_000, ["currency"] = "rub",
            ["payment_intent"] = "pi_1", ["refunded"] = false, ["metadata"] = new Dictionary<string, string> { ["payment_id"] = paymentId.ToString() },
            ["refunds"] = new Dictionary<string, object?>
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = "/v1/charges/ch_1/refunds",
                ["data"] = new[]
                {
                    new Dictionary<string, object?> { ["id"] = "re_old", ["object"] = "refund", ["amount"] = 3_000, ["created"] = 1_700_000_000, ["status"] = "succeeded", ["currency"] = "rub" },
                    new Dictionary<string, object?>
                    {
                        ["id"] = "re_new", ["object"] = "refund", ["amount"] = 4_000, ["created"] = 1_700_000_500, ["status"] = "succeeded", ["currency"] = "rub",
                        ["metadata"] = new Dictionary<string, string> { ["refund_id"] = ourRefundId.ToString() },
                    },
                },
            },
        };
        var payload = StripeWebhooks.Event("charge.refunded", charge);

        var verdict = await Deliver(payload, StripeWebhooks.Signature(payload, FakeStripe.WebhookSecret, DateTimeOffset.UtcNow));

        Assert.Equal(WebhookEventKind.Refunded, verdict.Kind);
        Assert.Equal("re_new", verdict.ProviderRefundId);
        Assert.Equal(ourRefundId, verdict.RefundId); // the metadata KamHub sent: which of its refunds this is
        Assert.Equal(4_000, verdict.AmountMinor);
        Assert.Equal(paymentId, verdict.PaymentId);
        Assert.Equal("pi_1", verdict.ProviderPaymentId);
    }
}
