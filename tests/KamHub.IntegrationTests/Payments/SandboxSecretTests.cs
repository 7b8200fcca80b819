using System.Net;
using System.Text;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.Payments.Providers.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// No sandbox secret configured (the embedded default): two instances on the same data directory and database sign
/// and verify with the same derived secret, so a webhook signed by one is accepted by the other, as after a restart.
/// </summary>
public sealed class SandboxSecretTests : IDisposable
{
    private const string SecretKey = "KamHub:Payments:Sandbox:WebhookSecret";

    private readonly PaymentsFactory _first = new();
    private readonly PaymentsFactory _second;

    public SandboxSecretTests()
    {
        _first.With(SecretKey, null);
        _second = new PaymentsFactory(start: _first.Clock.GetUtcNow());
        _second.With(SecretKey, null).With("KamHub:DataDir", _first.Database.DataDir);
        if (_first.Database.PlatformConnectionString is { } shared) _second.With("ConnectionStrings:Platform", shared);
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }

    [Fact]
    public async Task Webhook_SignedByAnotherInstanceWithTheSameConfiguration_IsAcceptedAndConfirmsTheBooking()
    {
        var (tourist, booking) = await _first.HeldBookingAsync();
        var body = PaymentsApi.WebhookBody("payment.succeeded", booking.PaymentId(), booking.GetProperty("amount").GetInt64());
        var bytes = Encoding.UTF8.GetBytes(body);
        var signedByFirst = _first.Services.GetRequiredService<SandboxSignature>().Sign(bytes, _first.Clock.GetUtcNow());

        var request = new HttpRequestMessage(HttpMethod.Post, SandboxWebhookSender.WebhookPath) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(SandboxSignature.Header, signedByFirst);
        var response = await _second.CreateClient().SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("succeeded", (await _second.PaymentAsync(booking.PaymentId())).GetProperty("status").GetString());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
    }
}
