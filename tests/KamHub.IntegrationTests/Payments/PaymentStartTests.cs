using System.Net;
using System.Text.RegularExpressions;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>
/// The payment a hold starts (real Payments module, sandbox provider). The request that creates the booking inserts
/// the payment without looking first; retries look first: either way every answer carries the one payment.
/// </summary>
public sealed partial class PaymentStartTests : IDisposable
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

    [Fact]
    public async Task StartAsync_OnTheSandbox_StoresTheProvidersAnswerWithTheRowInOneInsert()
    {
        var bookingId = Guid.NewGuid();
        using var capture = new SqlCapture(_factory.Database.ConnectionMarker);

        PaymentStart started;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            started = await scope.ServiceProvider.GetRequiredService<IPaymentInitiator>().StartAsync(new PaymentStartRequest(bookingId, "KH-ONEINSERT",
                Guid.NewGuid(), Guid.NewGuid(), "one-insert@example.com", 250000, "RUB", DateTimeOffset.UtcNow.AddMinutes(15), NewBooking: true), CancellationToken.None);
        }

        // Only this start writes payments rows here (no booking, no webhook): anything else in the capture is background reads.
        var writes = capture.Commands.Where(c => PaymentsWrite().IsMatch(c.Sql)).Select(c => c.Sql).ToList();
        var insert = Assert.Single(writes);
        Assert.StartsWith("INSERT", insert.TrimStart(), StringComparison.OrdinalIgnoreCase);
        var row = await _factory.WithPaymentsDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.BookingId == bookingId));
        Assert.Equal(started.Id, row.Id);
        Assert.Equal($"sbx_{row.Id:N}", row.ProviderPaymentId);
        Assert.Equal($"/pay/sandbox/{row.Id}", row.RedirectUrl);
        Assert.Equal(row.RedirectUrl, started.RedirectUrl);
    }

    [GeneratedRegex("""^\s*(INSERT\s+INTO|UPDATE)\s+"?payments"?[._]"?payments"?\b""", RegexOptions.IgnoreCase)]
    private static partial Regex PaymentsWrite();
}
