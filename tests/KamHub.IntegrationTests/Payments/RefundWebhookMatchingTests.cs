using System.Net;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Providers;
using KamHub.Payments.Providers.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// A refund webhook is matched to our refund by what identifies it (our refund id echoed back, or the provider's
/// refund id once stored), never by amount: two equal partial refunds, and webhooks racing the provider's answer,
/// each land on the right refund, and money is counted once.
/// </summary>
public sealed class RefundWebhookMatchingTests : IDisposable
{
    private readonly ScriptedRefunds _provider = new();
    private readonly PaymentsFactory _factory;

    public RefundWebhookMatchingTests() => _factory = new PaymentsFactory(start: new DateTimeOffset(2027, 6, 26, 0, 0, 0, TimeSpan.Zero), services: s =>
        s.AddKeyedSingleton<IPaymentProvider>(SandboxProvider.ProviderName, (sp, _) => _provider.Wrap(ActivatorUtilities.CreateInstance<SandboxProvider>(sp))));

    public void Dispose() => _factory.Dispose();

    private static string RefundWebhook(Guid paymentId, long amount, string providerRefundId, Guid? ourRefundId) => JsonSerializer.Serialize(new
    {
        id = $"evt_{providerRefundId}",
        type = "refund.succeeded",
        created = 0,
        data = new { paymentId, providerPaymentId = $"sbx_{paymentId:N}", amountMinor = amount, currency = "RUB", refundId = providerRefundId, kamHubRefundId = ourRefundId },
    });

    private Task<HttpResponseMessage> DeliverAsync(string body) => _factory.CreateClient().SendAsync(PaymentsApi.SignedWebhook(body, _factory.Clock.GetUtcNow()));

    private async Task<Dictionary<Guid, JsonElement>> RefundsAsync(Guid paymentId) =>
        (await _factory.PaymentAsync(paymentId)).GetProperty("refunds").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());

    [Fact]
    public async Task RefundWebhook_ForTheSecondOfTwoEqualRefundsBeforeItsAnswer_CompletesThatRefundNotTheFirst()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        var paymentId = booking.PaymentId();
        _provider.Pending = true;
        _provider.FailNext(1);
        var first = (await (await _factory.Admin().RefundAsync(paymentId, 100_000)).JsonAsync()).GetProperty("id").GetGuid(); // requested: provider down
        HttpStatusCode? duringSecond = null;
        _provider.DuringCall = async request =>
            duringSecond = (await DeliverAsync(RefundWebhook(paymentId, 100_000, ScriptedRefunds.ProviderRefundId(request.RefundId), request.RefundId))).StatusCode;

        var second = (await (await _factory.Admin().RefundAsync(paymentId, 100_000)).JsonAsync()).GetProperty("id").GetGuid();
        _provider.DuringCall = null;

        Assert.Equal(HttpStatusCode.OK, duringSecond);
        var refunds = await RefundsAsync(paymentId);
        Assert.Equal("completed", refunds[second].GetProperty("status").GetString());
        Assert.Equal("requested", refunds[first].GetProperty("status").GetString());

        _factory.Clock.Advance(TimeSpan.FromMinutes(2)); // the retrier asks for the first again: pending at the provider now
        await BookingApi.EventuallyAsync(async () => (await RefundsAsync(paymentId))[first].GetProperty("status").GetString() == "pending", "first refund pending");
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(RefundWebhook(paymentId, 100_000, ScriptedRefunds.ProviderRefundId(first), first))).StatusCode);

        refunds = await RefundsAsync(paymentId);
        Assert.Equal(2, refunds.Count);
        Assert.All(refunds.Values, r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        Assert.Equal(ScriptedRefunds.ProviderRefundId(first), refunds[first].GetProperty("providerRefundId").GetString());
        Assert.Equal(ScriptedRefunds.ProviderRefundId(second), refunds[second].GetProperty("providerRefundId").GetString());
        Assert.Equal(200_000, (await _factory.PaymentAsync(paymentId)).GetProperty("refundedMinor").GetInt64());
        Assert.Equal(2, (await _factory.EventsAsync("payment.refunded", paymentId)).Count);
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task RefundWebhook_ThatNamesNoRefundOfOursWhileOneAwaitsTheProvider_Answers503AndIsAppliedWhenDeliveredAgain()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 2);
        var paymentId = booking.PaymentId();
        _provider.Pending = true;
        string? body = null;
        HttpResponseMessage? during = null;
        _provider.DuringCall = async request =>
        {
            body = RefundWebhook(paymentId, 100_000, ScriptedRefunds.ProviderRefundId(request.RefundId), ourRefundId: null);
            during = await DeliverAsync(body);
        };

        var created = await _factory.Admin().RefundAsync(paymentId, 100_000);
        _provider.DuringCall = null;

        await DiscoveryApi.AssertProblemAsync(during!, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(during!.Headers.RetryAfter);
        Assert.Equal("pending", (await created.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(0, (await _factory.PaymentAsync(paymentId)).GetProperty("refundedMinor").GetInt64());

        var again = await DeliverAsync(body!);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var refund = Assert.Single((await RefundsAsync(paymentId)).Values);
        Assert.Equal("completed", refund.GetProperty("status").GetString());
        Assert.Equal(100_000, (await _factory.PaymentAsync(paymentId)).GetProperty("refundedMinor").GetInt64());
        Assert.Single(await _factory.EventsAsync("payment.refunded", paymentId));
        await _factory.AssertLedgerBalancesAsync();
    }
}
