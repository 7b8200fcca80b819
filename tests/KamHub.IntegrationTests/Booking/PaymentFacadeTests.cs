using System.Collections.Concurrent;
using System.Net;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Booking;

/// <summary>The booking answer's "payment" comes from the Payments facade when one is registered (here a test double).</summary>
public sealed class PaymentFacadeTests : IDisposable
{
    private readonly RecordingInitiator _payments = new();
    private readonly BookingFactory _factory;

    public PaymentFacadeTests() => _factory = new BookingFactory(services: s => s.AddSingleton<IPaymentInitiator>(_payments));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreateBooking_WhenAPaymentsModuleIsPresent_AnswersItsPaymentAndAsksAgainOnRetry()
    {
        var departure = await _factory.DepartureAsync(capacity: 5);
        var tourist = _factory.Tourist();
        var body = BookingApi.BookingBody(departure, adults: 2);

        var first = await (await tourist.BookAsync(body, "pay-1")).JsonAsync();
        var retry = await tourist.BookAsync(body, "pay-1");

        var payment = first.GetProperty("payment");
        Assert.Equal("double", payment.GetProperty("provider").GetString());
        Assert.Equal($"https://pay.test/{first.Id()}", payment.GetProperty("redirectUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(payment.GetProperty("id").GetGuid(), (await retry.JsonAsync()).GetProperty("payment").GetProperty("id").GetGuid());
        var asked = Assert.Single(_payments.Requests.Values);
        Assert.Equal(first.GetProperty("amount").GetInt64(), asked.AmountMinor);
        Assert.Equal(first.GetProperty("reference").GetString(), asked.BookingReference);
    }

    [Fact]
    public async Task MyBookings_WhenMoreThanAPage_PagesNewestFirstWithTheCursor()
    {
        var departure = await _factory.DepartureAsync(capacity: 5);
        var tourist = _factory.Tourist();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await tourist.HoldAsync(departure)).Id());

        var first = await tourist.GetJsonAsync("/api/me/bookings?limit=2");
        var second = await tourist.GetJsonAsync($"/api/me/bookings?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");

        Assert.Equal([ids[2], ids[1]], first.GetProperty("items").EnumerateArray().Select(b => b.Id()));
        Assert.Equal([ids[0]], second.GetProperty("items").EnumerateArray().Select(b => b.Id()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    /// <summary>Idempotent per booking, as the facade's contract asks.</summary>
    private sealed class RecordingInitiator : IPaymentInitiator
    {
        public ConcurrentDictionary<Guid, PaymentStartRequest> Requests { get; } = new();

        private readonly ConcurrentDictionary<Guid, Guid> _payments = new();

        public Task<PaymentStart> StartAsync(PaymentStartRequest request, CancellationToken ct)
        {
            Requests[request.BookingId] = request;
            var id = _payments.GetOrAdd(request.BookingId, _ => Guid.NewGuid());
            return Task.FromResult(new PaymentStart(id, "double", $"https://pay.test/{request.BookingId}"));
        }
    }
}
