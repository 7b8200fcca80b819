using System.Text.Json;
using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>Bad input answers problem+json with the right status and names the field; never a 500.</summary>
public sealed class PaymentsBadInputTests : IDisposable
{
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AdminPayments_WithAMalformedBookingStatusCursorOrLimit_Answers400NamingIt()
    {
        var admin = _factory.Admin();

        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payments?booking=abc"), HttpStatusCode.BadRequest, "booking");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payments?status=paid"), HttpStatusCode.BadRequest, "status");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payments?cursor=xyz"), HttpStatusCode.BadRequest, "cursor");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payments?provider=str%00ipe"), HttpStatusCode.BadRequest, "provider");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payments?limit=0"), HttpStatusCode.BadRequest, "limit");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payments?limit=101"), HttpStatusCode.BadRequest, "limit");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payments/abc"), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync($"/api/admin/payments/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminPayments_WithoutABooking_PagesTheNewestFirstWithoutRepeatsAndFiltersByStatusAndProvider()
    {
        var (_, paid) = await _factory.ConfirmedBookingAsync(adults: 1);
        var (_, second) = await _factory.HeldBookingAsync(adults: 1);
        var (_, third) = await _factory.HeldBookingAsync(adults: 1);
        var admin = _factory.Admin();

        var first = await admin.GetJsonAsync("/api/admin/payments?limit=2");
        var firstIds = first.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([third.PaymentId(), second.PaymentId()], firstIds);
        var cursor = first.GetProperty("nextCursor").GetString();
        var rest = await admin.GetJsonAsync($"/api/admin/payments?limit=2&cursor={cursor}");
        Assert.Equal([paid.PaymentId()], rest.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);

        var succeeded = await admin.GetJsonAsync("/api/admin/payments?status=succeeded");
        var only = Assert.Single(succeeded.GetProperty("items").EnumerateArray());
        Assert.Equal(paid.PaymentId(), only.GetProperty("id").GetGuid());
        Assert.Equal(3, (await admin.GetJsonAsync("/api/admin/payments?provider=sandbox")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await admin.GetJsonAsync("/api/admin/payments?provider=stripe")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AdminPayments_ForABooking_ListsItsPayment()
    {
        var (_, booking) = await _factory.HeldBookingAsync();

        var list = await _factory.Admin().GetJsonAsync($"/api/admin/payments?booking={booking.Id()}");

        var payment = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(booking.PaymentId(), payment.GetProperty("id").GetGuid());
        Assert.Equal("pending", payment.GetProperty("status").GetString());
        Assert.Equal(booking.GetProperty("reference").GetString(), payment.GetProperty("bookingReference").GetString());
    }

    [Fact]
    public async Task ManualRefund_WithABadAmountOrPayment_AnswersProblems()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 1);
        var admin = _factory.Admin();

        await DiscoveryApi.AssertProblemAsync(await admin.RefundAsync(booking.PaymentId(), 0), HttpStatusCode.BadRequest, "amountMinor");
        await DiscoveryApi.AssertProblemAsync(await admin.RefundAsync(booking.PaymentId(), -5), HttpStatusCode.BadRequest, "amountMinor");
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsJsonAsync($"/api/admin/payments/{booking.PaymentId()}/refunds", new { }), HttpStatusCode.BadRequest, "amountMinor");
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsync($"/api/admin/payments/{booking.PaymentId()}/refunds",
            new StringContent("{\"amountMinor\":", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await DiscoveryApi.AssertProblemAsync(await admin.RefundAsync(Guid.NewGuid(), 10), HttpStatusCode.NotFound);
        await DiscoveryApi.AssertProblemAsync(await admin.RefundAsync(booking.PaymentId(), 500_001), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, (await _factory.PaymentAsync(booking.PaymentId())).GetProperty("refundedMinor").GetInt64());
    }

    [Fact]
    public async Task Payouts_WithBadPaging_Answers400NamingTheField()
    {
        var admin = _factory.Admin();

        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payouts?limit=0"), HttpStatusCode.BadRequest, "limit");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payouts?cursor=zz"), HttpStatusCode.BadRequest, "cursor");
        await DiscoveryApi.AssertProblemAsync(await admin.GetAsync("/api/admin/payouts?operatorId=zz"), HttpStatusCode.BadRequest, "operatorId");
        await DiscoveryApi.AssertProblemAsync(await _factory.Operator().GetAsync("/api/operator/balance?operatorId=zz"), HttpStatusCode.BadRequest, "operatorId");
    }
}
