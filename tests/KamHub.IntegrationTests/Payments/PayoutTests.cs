using System.Net;
using System.Net.Http.Json;
using KamHub.IntegrationTests.Booking;
using KamHub.IntegrationTests.Discovery;
using KamHub.IntegrationTests.Infrastructure;

namespace KamHub.IntegrationTests.Payments;

/// <summary>Payouts pay each operator's unpaid share of a period once, however often and however concurrently they run.</summary>
public sealed class PayoutTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PaymentsFactory _factory = new(start: Start);

    public void Dispose() => _factory.Dispose();

    private static object Period(DateTimeOffset from, DateTimeOffset to) => new { from, to };

    [Fact]
    public async Task RunPayouts_TwiceForTheSamePeriod_PaysTheOperatorOnce()
    {
        await _factory.ConfirmedBookingAsync(adults: 2);
        await _factory.ConfirmedBookingAsync(adults: 1);
        var admin = _factory.Admin();

        var first = await (await admin.PostAsJsonAsync("/api/admin/payouts", Period(Start, Start.AddDays(1)))).JsonAsync();
        var second = await (await admin.PostAsJsonAsync("/api/admin/payouts", Period(Start, Start.AddDays(1)))).JsonAsync();

        var payout = Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal(1_350_000, payout.GetProperty("amountMinor").GetInt64()); // 1 500 000 less 10 %
        Assert.Empty(second.GetProperty("items").EnumerateArray());
        var completed = Assert.Single(await _factory.EventsAsync("payout.completed", payout.GetProperty("id").GetGuid()));
        Assert.Equal(1_350_000, completed.GetProperty("amountMinor").GetInt64());
        var balance = await _factory.Operator().BalanceAsync();
        Assert.Equal(0, balance.GetProperty("balanceMinor").GetInt64());
        Assert.Equal(1_350_000, balance.GetProperty("paidOutMinor").GetInt64());
        var own = await _factory.Operator().GetJsonAsync("/api/operator/payouts");
        Assert.Equal(payout.GetProperty("id").GetGuid(), Assert.Single(own.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task RunPayouts_ManyAtOnce_PaysEachEntryOnce()
    {
        await _factory.ConfirmedBookingAsync(adults: 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _factory.Admin().PostAsJsonAsync("/api/admin/payouts", Period(Start, Start.AddDays(1)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var all = await _factory.Admin().GetJsonAsync("/api/admin/payouts");
        var payout = Assert.Single(all.GetProperty("items").EnumerateArray());
        Assert.Equal(900_000, payout.GetProperty("amountMinor").GetInt64());
        Assert.Equal(0, (await _factory.Operator().BalanceAsync()).GetProperty("balanceMinor").GetInt64());
    }

    [Fact]
    public async Task RunPayouts_ForAPeriodBeforeTheMoney_PaysNothingAndALaterPeriodPaysIt()
    {
        await _factory.ConfirmedBookingAsync(adults: 1);

        var before = await (await _factory.Admin().PostAsJsonAsync("/api/admin/payouts", Period(Start.AddDays(-7), Start))).JsonAsync();
        var covering = await (await _factory.Admin().PostAsJsonAsync("/api/admin/payouts", Period(Start, Start.AddDays(7)))).JsonAsync();

        Assert.Empty(before.GetProperty("items").EnumerateArray());
        Assert.Equal(450_000, Assert.Single(covering.GetProperty("items").EnumerateArray()).GetProperty("amountMinor").GetInt64());
    }

    [Fact]
    public async Task RefundAfterPayout_LeavesANegativeBalanceThatTheNextPayoutDoesNotPay()
    {
        var (_, booking) = await _factory.ConfirmedBookingAsync(adults: 1);
        await _factory.Admin().PostAsJsonAsync("/api/admin/payouts", Period(Start, Start.AddDays(1)));
        Assert.Equal(HttpStatusCode.Created, (await _factory.Admin().RefundAsync(booking.PaymentId(), 100_000)).StatusCode);

        var next = await (await _factory.Admin().PostAsJsonAsync("/api/admin/payouts", Period(Start, Start.AddDays(1)))).JsonAsync();

        Assert.Empty(next.GetProperty("items").EnumerateArray());
        var balance = await _factory.Operator().BalanceAsync();
        Assert.Equal(-90_000, balance.GetProperty("balanceMinor").GetInt64()); // refund 100 000, commission 10 000 returned
        await _factory.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task RunPayouts_WithAnEmptyOrInvertedPeriod_Answers400NamingTheField()
    {
        var admin = _factory.Admin();

        await DiscoveryApi.AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/payouts", new { }), HttpStatusCode.BadRequest, "from");
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/payouts", Period(Start, Start.AddDays(-1))), HttpStatusCode.BadRequest, "to");
        await DiscoveryApi.AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/payouts", new { from = "yesterday", to = "today" }), HttpStatusCode.BadRequest);
    }
}
