using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// The payment a hold starts (real Payments module, sandbox provider). The request that creates the booking inserts
/// the payment without looking first; retries look first: either way every answer carries the one payment.
/// </summary>
public sealed class PaymentStartTests : IDisposable
{
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateBooking_WhenDuplicatesArriveConcurrently_EveryAnswerCarriesTheOnePayment()
    {
        var departure = await _factory.DepartureAsync(capacity: 10);
        var tourist = _factory.Tourist();
        var body = BookingApi.BookingBody(departure, adults: 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => tourist.BookAsync(body, "pay-burst")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var answers = await Task.WhenAll(responses.Select(r => r.JsonAsync()));
        var paymentIds = answers.Select(a => a.PaymentId()).Distinct().ToList();
        var paymentId = Assert.Single(paymentIds);
        Assert.All(answers, a => Assert.Equal($"/pay/sandbox/{paymentId}", a.GetProperty("payment").GetProperty("redirectUrl").GetString()));
        Assert.Equal(answers[0].Id(), (await _factory.PaymentAsync(paymentId)).GetProperty("bookingId").GetGuid());
    }

    [Fact]
    public async Task CreateBooking_WhenRetriedAfterTheHold_AnswersTheSamePaymentAndPaysIt()
    {
        var departure = await _factory.DepartureAsync(capacity: 4);
        var tourist = _factory.Tourist();
        var body = BookingApi.BookingBody(departure, adults: 1);

        var first = await (await tourist.BookAsync(body, "pay-retry")).JsonAsync();
        var retry = await tourist.BookAsync(body, "pay-retry");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(first.PaymentId(), (await retry.JsonAsync()).PaymentId());
        await _factory.PayAsync(first.PaymentId());
        await tourist.WaitForStatusAsync(first.Id(), "confirmed");
    }
}
