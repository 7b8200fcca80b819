using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamHub.IntegrationTests.Identity;
using KamHub.IntegrationTests.Payments.Providers.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments.Providers;

/// <summary>
/// A whole KamHub host whose payments go to one provider (sandbox, or a fake Stripe, YooKassa or CloudPayments on
/// loopback), and that provider's way of telling KamHub a payment was captured or refunded, so one test can run over all four.
/// </summary>
public sealed class ProviderUnderTest : IAsyncDisposable
{
    public static readonly string[] Names = ["sandbox", "stripe", "yookassa", "cloudpayments"];

    public static readonly TheoryData<string> All = new(Names);

    private ProviderUnderTest(string name, PaymentsFactory factory) => (Name, Factory) = (name, factory);

    public string Name { get; }

    public PaymentsFactory Factory { get; }

    public FakeStripe? Stripe { get; private init; }

    public FakeYooKassa? YooKassa { get; private init; }

    public FakeCloudPayments? Cloud { get; private init; }

    public static async Task<ProviderUnderTest> StartAsync(string name)
    {
        var factory = new PaymentsFactory(start: new DateTimeOffset(2027, 6, 26, 0, 0, 0, TimeSpan.Zero),
            services: s => s.AddTransient<IStartupFilter, TestClientAddress>());
        factory.With("KamHub:Payments:Provider", name);
        // Reconciliation runs when a test says so (set a shorter interval before the first request to test the job itself).
        factory.With("KamHub:Payments:ReconcileInterval", "30.00:00:00");
        switch (name)
        {
            case "stripe":
                var stripe = await FakeStripe.StartAsync();
                factory.With("KamHub:Payments:Stripe:SecretKey", FakeStripe.SecretKey).With("KamHub:Payments:Stripe:WebhookSecret", FakeStripe.WebhookSecret)
                    .With("KamHub:Payments:Stripe:ApiBase", stripe.Server.BaseAddress.ToString().TrimEnd('/'));
                NoRetryDelay(factory, "Stripe");
                return new ProviderUnderTest(name, factory) { Stripe = stripe };
            case "yookassa":
                var yooKassa = await FakeYooKassa.StartAsync();
                factory.With("KamHub:Payments:YooKassa:ShopId", FakeYooKassa.ShopId).With("KamHub:Payments:YooKassa:SecretKey", FakeYooKassa.SecretKey)
                    .With("KamHub:Payments:YooKassa:ApiBase", new Uri(yooKassa.Server.BaseAddress, "v3/").ToString())
                    .With("KamHub:Payments:YooKassa:ReturnUrl", "https://kamhub.example/bookings")
                    .With("KamHub:Payments:YooKassa:NotificationAllowlist:0", "127.0.0.1");
                NoRetryDelay(factory, "YooKassa");
                return new ProviderUnderTest(name, factory) { YooKassa = yooKassa };
            case "cloudpayments":
                var cloud = await FakeCloudPayments.StartAsync();
                factory.With("KamHub:Payments:CloudPayments:PublicId", FakeCloudPayments.PublicId)
                    .With("KamHub:Payments:CloudPayments:ApiSecret", FakeCloudPayments.ApiSecret)
                    .With("KamHub:Payments:CloudPayments:ApiBase", cloud.Server.BaseAddress.ToString());
                NoRetryDelay(factory, "CloudPayments");
                return new ProviderUnderTest(name, factory) { Cloud = cloud };
            default:
                return new ProviderUnderTest(name, factory);
        }
    }

    /// <summary>
    /// The resilience pipeline waits on the host's TimeProvider, which is fake here and only moves when a test moves it:
    /// retries go at once instead.
    /// </summary>
    private static void NoRetryDelay(PaymentsFactory factory, string section) =>
        factory.With($"KamHub:Payments:{section}:Resilience:Retry:Delay", "00:00:00").With($"KamHub:Payments:{section}:Resilience:Retry:BackoffType", "Constant")
            .With($"KamHub:Payments:{section}:Resilience:Retry:UseJitter", "false");

    /// <summary>The provider's id of a payment KamHub started there.</summary>
    public async Task<string> ProviderPaymentIdAsync(Guid paymentId) =>
        (await Factory.PaymentAsync(paymentId)).GetProperty("providerPaymentId").GetString()!;

    /// <summary>
    /// The provider says the payment was captured, with <paramref name="amount"/> written as given into the place the
    /// provider puts the amount (a JSON value, or null to leave the amount out).
    /// </summary>
    public async Task<HttpResponseMessage> NotifyPaidAsync(Guid paymentId, JsonNode? amount, string amountText)
    {
        var providerId = await ProviderPaymentIdAsync(paymentId);
        switch (Name)
        {
            case "stripe":
                var intent = (JsonObject)JsonSerializer.SerializeToNode(StripeWebhooks.PaymentIntent(providerId, 1, paymentId))!;
                Put(intent, "amount", amount);
                Put(intent, "amount_received", amount);
                return await StripeAsync(StripeWebhooks.Event("payment_intent.succeeded", intent));
            case "yookassa":
                YooKassa!.SetStatus(providerId, "succeeded");
                YooKassa.SetAmountValue(providerId, amount is null ? null : amountText);
                return await YooKassaAsync(FakeYooKassa.Notification("payment.succeeded", providerId, "succeeded"));
            case "cloudpayments":
                var fields = CloudPaymentsNotifications.Pay(paymentId, Cloud!.Pay(paymentId), "0");
                var form = string.Join('&', fields.Split('&').Where(f => !f.StartsWith("Amount=", StringComparison.Ordinal))
                    .Concat(amount is null ? [] : [$"Amount={Uri.EscapeDataString(amountText)}"]));
                return await CloudPaymentsAsync("/api/payments/webhooks/cloudpayments/pay", form);
            default:
                var data = new JsonObject { ["paymentId"] = paymentId, ["providerPaymentId"] = providerId, ["currency"] = "RUB" };
                Put(data, "amountMinor", amount);
                var body = new JsonObject { ["id"] = $"evt_{Guid.NewGuid():N}", ["type"] = "payment.succeeded", ["created"] = 0, ["data"] = data };
                return await SandboxAsync(body.ToJsonString());
        }
    }

    /// <summary>The provider captured the payment, amount and all, as its webhook says it.</summary>
    public Task<HttpResponseMessage> NotifyPaidAsync(Guid paymentId, long amountMinor) =>
        NotifyPaidAsync(paymentId, Name is "sandbox" or "stripe" ? JsonValue.Create(amountMinor) : JsonValue.Create(Major(amountMinor)), Major(amountMinor));

    /// <summary>The customer paid at the provider (the provider's status API says so), but no webhook tells KamHub.</summary>
    public async Task CaptureAtProviderAsync(Guid paymentId, long amountMinor)
    {
        var providerId = await ProviderPaymentIdAsync(paymentId);
        switch (Name)
        {
            case "stripe":
                Stripe!.SetIntentStatus(providerId, "succeeded", amountMinor);
                break;
            case "yookassa":
                YooKassa!.SetStatus(providerId, "succeeded");
                YooKassa.SetAmountValue(providerId, Major(amountMinor));
                break;
            case "cloudpayments":
                Cloud!.Pay(paymentId, amountMinor / 100m);
                break;
            default:
                // The sandbox's provider side is its pay page: pressed, but the webhook is lost on its way.
                var pressed = await Factory.PressAsync(paymentId, "pay");
                Assert.Equal(System.Net.HttpStatusCode.BadGateway, pressed.StatusCode);
                break;
        }
    }

    /// <summary>
    /// A refund made at the provider's side (its dashboard): KamHub never asked for it, so it names no refund of ours.
    /// </summary>
    public async Task<HttpResponseMessage> NotifyProviderSideRefundAsync(Guid paymentId, long amountMinor)
    {
        var providerId = await ProviderPaymentIdAsync(paymentId);
        var refundId = $"re_dashboard_{Guid.NewGuid():N}";
        switch (Name)
        {
            case "stripe":
                return await StripeAsync(StripeWebhooks.Event("refund.created", StripeWebhooks.Refund(refundId, providerId, amountMinor, paymentId)));
            case "cloudpayments":
                // An unknown transaction: not the answer to any refund KamHub asked for.
                var refund = CloudPaymentsNotifications.Refund(paymentId, refundTransactionId: 900_000 + Random.Shared.Next(99_999),
                    paymentTransactionId: Cloud!.Pay(paymentId), Major(amountMinor));
                return await CloudPaymentsAsync("/api/payments/webhooks/cloudpayments/refund", refund);
            case "sandbox":
                var body = JsonSerializer.Serialize(new
                {
                    id = $"evt_{Guid.NewGuid():N}", type = "refund.succeeded", created = 0,
                    data = new { paymentId, providerPaymentId = providerId, amountMinor, currency = "RUB", refundId },
                });
                return await SandboxAsync(body);
            default:
                throw new NotSupportedException($"{Name}: no provider-side refund notification in these tests");
        }
    }

    private static string Major(long amountMinor) => (amountMinor / 100m).ToString("F2", CultureInfo.InvariantCulture);

    private static void Put(JsonObject target, string name, JsonNode? value)
    {
        if (value is null) target.Remove(name);
        else target[name] = value.DeepClone();
    }

    private Task<HttpResponseMessage> SandboxAsync(string body) => Factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, Factory.Clock.GetUtcNow()));

    private Task<HttpResponseMessage> StripeAsync(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeWebhooks.Signature(body, FakeStripe.WebhookSecret, Factory.Clock.GetUtcNow()));
        return Factory.CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> StripeRawAsync(string body) => StripeAsync(body);

    public Task<HttpResponseMessage> YooKassaAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/yookassa") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(TestClientAddress.Header, "127.0.0.1");
        return Factory.CreateClient().SendAsync(request);
    }

    private Task<HttpResponseMessage> CloudPaymentsAsync(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        foreach (var (name, value) in CloudPaymentsNotifications.Signed(body))
        {
            if (name == "Content-Type") request.Content.Headers.ContentType = new MediaTypeHeaderValue(value);
            else request.Headers.TryAddWithoutValidation(name, value);
        }

        return Factory.CreateClient().SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        if (Stripe is not null) await Stripe.DisposeAsync();
        if (YooKassa is not null) await YooKassa.DisposeAsync();
        if (Cloud is not null) await Cloud.DisposeAsync();
    }
}
