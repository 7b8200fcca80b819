using System.Net;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>`GET /api/bookings/{id}` carries the payment like the POST's answer: a client that lost it finds where to pay.</summary>
public sealed class BookingPaymentViewTests : IDisposable
{
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task GetBooking_WhilePending_ShowsThePaymentWithWhereToPay()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync(adults: 2);

        var read = await tourist.GetJsonAsync($"/api/bookings/{booking.Id()}");

        var payment = read.GetProperty("payment");
        Assert.Equal(booking.PaymentId(), payment.GetProperty("id").GetGuid());
        Assert.Equal("sandbox", payment.GetProperty("provider").GetString());
        Assert.Equal("pending", payment.GetProperty("status").GetString());
        Assert.Equal(booking.GetProperty("payment").GetProperty("redirectUrl").GetString(), payment.GetProperty("redirectUrl").GetString());
        Assert.Equal(booking.GetProperty("amount").GetInt64(), payment.GetProperty("amount").GetInt64());
        Assert.Equal(booking.GetProperty("currency").GetString(), payment.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task GetBooking_AfterPaying_ShowsItSucceededWithoutAPageToPayOn()
    {
        var (tourist, booking) = await _factory.HeldBookingAsync(adults: 1);
        Assert.Equal(HttpStatusCode.OK, (await _factory.PressAsync(booking.PaymentId(), "pay")).StatusCode);
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");

        var payment = (await tourist.GetJsonAsync($"/api/bookings/{booking.Id()}")).GetProperty("payment");

        Assert.Equal("succeeded", payment.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, payment.GetProperty("redirectUrl").ValueKind);
    }
}
