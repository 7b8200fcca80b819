using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;
using KamHub.Payments.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KamHub.IntegrationTests.Payments;

/// <summary>Calls the payment endpoints and the sandbox the way a shop front, a script or a provider would.</summary>
internal static class PaymentsApi
{
    public static Guid PaymentId(this JsonElement booking) => booking.GetProperty("payment").GetProperty("id").GetGuid();

    /// <summary>The sandbox's pay or decline button, as a script presses it (asking for JSON).</summary>
    public static async Task<HttpResponseMessage> PressAsync(this KamHubFactory factory, Guid paymentId, string button)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/pay/sandbox/{paymentId}/{button}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await factory.CreateClient().SendAsync(request);
    }

    public static async Task PayAsync(this KamHubFactory factory, Guid paymentId)
    {
        var response = await factory.PressAsync(paymentId, "pay");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"pay: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A held booking of <paramref name="adults"/> seats on a fresh departure; returns the tourist and the booking.</summary>
    public static async Task<(HttpClient Tourist, JsonElement Booking)> HeldBookingAsync(this KamHubFactory factory, int adults = 2, int capacity = 10,
        string startsAt = "2027-07-01T08:00")
    {
        var departure = await factory.DepartureAsync(capacity: capacity, startsAt: startsAt);
        var tourist = factory.Tourist();
        return (tourist, await tourist.HoldAsync(departure, adults));
    }

    /// <summary>Booked, paid on the sandbox and confirmed through the bus.</summary>
    public static async Task<(HttpClient Tourist, JsonElement Booking)> ConfirmedBookingAsync(this KamHubFactory factory, int adults = 2,
        string startsAt = "2027-07-01T08:00")
    {
        var (tourist, booking) = await factory.HeldBookingAsync(adults, startsAt: startsAt);
        await factory.PayAsync(booking.PaymentId());
        await tourist.WaitForStatusAsync(booking.Id(), "confirmed");
        return (tourist, booking);
    }

    public static Task WaitForStatusAsync(this HttpClient client, Guid bookingId, string status) =>
        BookingApi.EventuallyAsync(async () => await client.StatusAsync(bookingId) == status, $"booking {bookingId} {status}");

    public static Task<JsonElement> PaymentAsync(this KamHubFactory factory, Guid paymentId) =>
        factory.Admin().GetJsonAsync($"/api/admin/payments/{paymentId}");

    public static Task WaitForRefundedAsync(this KamHubFactory factory, Guid paymentId, long refunded) =>
        BookingApi.EventuallyAsync(async () => (await factory.PaymentAsync(paymentId)).GetProperty("refundedMinor").GetInt64() == refunded,
            $"payment {paymentId} refunded {refunded}");

    /// <summary>True once the subscriber has handled every event published so far (no lag, nothing parked).</summary>
    public static async Task<bool> SubscriberCaughtUpAsync(this KamHubFactory factory, string subscriber)
    {
        var all = await (await factory.Admin().GetAsync("/api/admin/subscriptions")).JsonAsync();
        var found = all.EnumerateArray().Single(s => s.GetProperty("name").GetString() == subscriber);
        return found.GetProperty("lagEvents").GetInt64() == 0 && found.GetProperty("parkedAggregateCount").GetInt32() == 0;
    }

    public static async Task<JsonElement> BalanceAsync(this HttpClient client) =>
        (await client.GetJsonAsync("/api/operator/balance")).GetProperty("currencies").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "RUB");

    public static Task<HttpResponseMessage> RefundAsync(this HttpClient admin, Guid paymentId, long amountMinor) =>
        admin.PostAsJsonAsync($"/api/admin/payments/{paymentId}/refunds", new { amountMinor });

    /// <summary>A sandbox webhook built and signed here, independently of the sandbox's own code.</summary>
    public static HttpRequestMessage SignedWebhook(string body, DateTimeOffset at, string secret = PaymentsFactory.WebhookSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/sandbox") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Sandbox-Signature", $"t={timestamp},v1={mac}");
        return request;
    }

    public static string WebhookBody(string type, Guid paymentId, long amountMinor, string? eventId = null, string currency = "RUB") =>
        JsonSerializer.Serialize(new
        {
            id = eventId ?? $"evt_{Guid.NewGuid():N}",
            type,
            created = 0,
            data = new { paymentId, providerPaymentId = $"sbx_{paymentId:N}", amountMinor, currency },
        });

    /// <summary>Reads the module's tables directly: the ledger invariants are about rows, not about what an endpoint says.</summary>
    public static async Task<T> WithPaymentsDbAsync<T>(this KamHubFactory factory, Func<PaymentsDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>());
    }

    /// <summary>For every payment: captured − refunded equals the ledger total of its booking; returns the bookings checked.</summary>
    public static Task<int> AssertLedgerBalancesAsync(this KamHubFactory factory) => factory.WithPaymentsDbAsync(async db =>
    {
        var payments = await db.Payments.AsNoTracking().ToListAsync();
        var totals = (await db.Ledger.AsNoTracking().Where(l => l.BookingId != null).Select(l => new { l.BookingId, l.AmountMinor }).ToListAsync())
            .GroupBy(l => l.BookingId!.Value).ToDictionary(g => g.Key, g => g.Sum(l => l.AmountMinor));
        foreach (var p in payments)
            Assert.True(p.CapturedMinor - p.RefundedMinor == totals.GetValueOrDefault(p.BookingId),
                $"booking {p.BookingId}: captured {p.CapturedMinor} − refunded {p.RefundedMinor} ≠ ledger {totals.GetValueOrDefault(p.BookingId)}");
        Assert.True(payments.All(p => p.RefundedMinor <= p.CapturedMinor), "a payment refunded more than it captured");
        return payments.Count;
    });
}
