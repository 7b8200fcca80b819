using System.Net;
using System.Text;
using System.Text.Json;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Payments.Providers;
using KamHub.IntegrationTests.Payments.Providers.Fakes;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// Validly signed notifications that are still not notifications (no event id, a non-object body, an id of the wrong
/// type) answer 4xx problem+json and change nothing; a YooKassa notification whose re-fetch fails answers 503 so
/// YooKassa delivers it again, without blaming the request.
/// </summary>
public sealed class WebhookMalformedTests
{
    [Theory]
    [InlineData("no-id")]
    [InlineData("null-id")]
    [InlineData("empty-id")]
    [InlineData("array")]
    public async Task Stripe_WhenASignedEventHasNoUsableId_Answers400AndChangesNothing(string shape)
    {
        await using var under = await ProviderUnderTest.StartAsync("stripe");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        var intent = StripeWebhooks.PaymentIntent(await under.ProviderPaymentIdAsync(booking.PaymentId()), booking.GetProperty("amount").GetInt64(), booking.PaymentId());
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(StripeWebhooks.Event("payment_intent.succeeded", intent))!;
        var body = shape switch
        {
            "no-id" => JsonSerializer.Serialize(fields.Where(f => f.Key != "id").ToDictionary()),
            "null-id" => JsonSerializer.Serialize(fields.ToDictionary(f => f.Key, f => f.Key == "id" ? (object?)null : f.Value)),
            "empty-id" => JsonSerializer.Serialize(fields.ToDictionary(f => f.Key, f => f.Key == "id" ? (object?)"" : f.Value)),
            _ => "[]",
        };

        await DiscoveryApi.AssertProblemAsync(await under.StripeRawAsync(body), HttpStatusCode.BadRequest);

        Assert.Equal("pending", (await under.Factory.PaymentAsync(booking.PaymentId())).GetProperty("status").GetString());
        Assert.Equal(0, await under.Factory.WithPaymentsDbAsync(db => Task.FromResult(db.WebhookReceipts.Count())));
    }

    [Theory]
    [InlineData("""{"type":"notification","event":"payment.succeeded","object":{"id":12345,"status":"succeeded"}}""")]
    [InlineData("""{"type":"notification","event":"payment.succeeded","object":{"id":null}}""")]
    [InlineData("""{"type":"notification","event":"payment.succeeded","object":{"id":{"nested":true}}}""")]
    [InlineData("""{"type":"notification","event":42,"object":{"id":"abc"}}""")]
    [InlineData("""[]""")]
    public async Task YooKassa_WhenTheNotificationIsShapedWrongly_Answers400AndAsksYooKassaNothing(string body)
    {
        await using var under = await ProviderUnderTest.StartAsync("yookassa");
        var before = under.YooKassa!.Server.Requests.Count;

        await DiscoveryApi.AssertProblemAsync(await under.YooKassaAsync(Encoding.UTF8.GetBytes(body)), HttpStatusCode.BadRequest);

        Assert.Equal(before, under.YooKassa.Server.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "application/json", "{}")]
    [InlineData(HttpStatusCode.BadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData(HttpStatusCode.OK, "text/html", "<html><body>Maintenance</body></html>")]
    public async Task YooKassa_WhenTheRefetchFails_Answers503WithRetryAfterAndChangesNothing(HttpStatusCode status, string contentType, string answer)
    {
        await using var under = await ProviderUnderTest.StartAsync("yookassa");
        var (_, booking) = await under.Factory.HeldBookingAsync();
        var providerId = await under.ProviderPaymentIdAsync(booking.PaymentId());
        under.YooKassa!.SetStatus(providerId, "succeeded");
        under.YooKassa.Server.FailNext(10, status, answer, contentType);

        var response = await under.YooKassaAsync(FakeYooKassa.Notification("payment.succeeded", providerId, "succeeded"));

        await DiscoveryApi.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("YooKassa", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", problem.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("pending", (await under.Factory.PaymentAsync(booking.PaymentId())).GetProperty("status").GetString());
    }
}
