using System.Net;
using System.Net.Http.Json;
using KamHub.Discovery.Contracts;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>Every payments endpoint against every role: who gets in, who is told 401/403, and whose money an operator sees.</summary>
public sealed class PaymentsAuthorizationTests : IDisposable
{
    private readonly PaymentsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string> AdminOnly => new()
    {
        { "GET", "/api/admin/payments?booking={booking}" },
        { "GET", "/api/admin/payments/{payment}" },
        { "POST", "/api/admin/payments/{payment}/refunds" },
        { "GET", "/api/admin/payouts" },
        { "POST", "/api/admin/payouts" },
    };

    private async Task<HttpResponseMessage> CallAsync(HttpClient client, string method, string url, Guid booking, Guid payment)
    {
        var target = url.Replace("{booking}", booking.ToString(), StringComparison.Ordinal).Replace("{payment}", payment.ToString(), StringComparison.Ordinal);
        if (method == "GET") return await client.GetAsync(target);
        object body = target.EndsWith("refunds", StringComparison.Ordinal)
            ? new { amountMinor = 1 }
            : new { from = _factory.Clock.GetUtcNow().AddDays(-1), to = _factory.Clock.GetUtcNow().AddDays(1) };
        return await client.PostAsJsonAsync(target, body);
    }

    [Theory]
    [MemberData(nameof(AdminOnly))]
    public async Task AdminEndpoint_ForEachRole_OnlyAdminsGetIn(string method, string url)
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 1);
        var (other, _) = await _factory.OtherOperatorAsync();
        var denied = new (HttpClient Client, HttpStatusCode Status)[]
        {
            (_factory.CreateClient(), HttpStatusCode.Unauthorized),
            (_factory.Tourist(), HttpStatusCode.Forbidden),
            (_factory.Operator(), HttpStatusCode.Forbidden),
            (other, HttpStatusCode.Forbidden),
            (_factory.ClientAs("Agent"), HttpStatusCode.Forbidden),
            (_factory.ClientAs("Guide"), HttpStatusCode.Forbidden),
        };

        foreach (var (client, status) in denied)
            Assert.Equal(status, (await CallAsync(client, method, url, booking.Id(), booking.PaymentId())).StatusCode);
        var admitted = await CallAsync(_factory.Admin(), method, url, booking.Id(), booking.PaymentId());
        Assert.True(admitted.IsSuccessStatusCode, $"admin: {admitted.StatusCode}: {await admitted.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("/api/operator/balance")]
    [InlineData("/api/operator/payouts")]
    public async Task OperatorEndpoint_ForEachRole_ShowsOnlyTheOperatorsOwnMoney(string url)
    {
        await _factory.ConfirmedBookingAsync(adults: 1);
        var (other, _) = await _factory.OtherOperatorAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.Tourist().GetAsync(url)).StatusCode);
        await DiscoveryApi.AssertProblemAsync(await other.GetAsync($"{url}?operatorId={DemoOperators.Primary}"), HttpStatusCode.Forbidden);
        await DiscoveryApi.AssertProblemAsync(await _factory.ClientAs("Operator").GetAsync(url), HttpStatusCode.Forbidden); // no organisation
        await DiscoveryApi.AssertProblemAsync(await _factory.Admin().GetAsync(url), HttpStatusCode.BadRequest, "operatorId");
        Assert.Equal(HttpStatusCode.OK, (await _factory.Operator().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.Admin().GetAsync($"{url}?operatorId={DemoOperators.Primary}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Balance_OfAnotherOperator_ShowsNoneOfThePrimaryOperatorsMoney()
    {
        await _factory.ConfirmedBookingAsync(adults: 1);
        var (other, _) = await _factory.OtherOperatorAsync();

        var own = await _factory.Operator().BalanceAsync();
        var theirs = await other.GetJsonAsync("/api/operator/balance");

        Assert.Equal(450_000, own.GetProperty("balanceMinor").GetInt64());
        Assert.Empty(theirs.GetProperty("currencies").EnumerateArray());
    }

    [Fact]
    public async Task PublicEndpoints_WithoutAToken_AreOpenBecauseProvidersAndBrowsersCallThem()
    {
        var (_, booking) = await _factory.HeldBookingAsync();
        var anonymous = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/pay/sandbox/{booking.PaymentId()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/payments/webhooks/sandbox", new StringContent("{}"))).StatusCode);
        await _factory.PayAsync(booking.PaymentId());
    }
}
